import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
import type { Execution, ExecutionSummary, NodeRun } from '../api/types';
import { RunDataPane } from '../panels/DataView';
import { navigate } from '../router';
import { useCatalog } from '../state/catalog';
import { useUi } from '../ui/Modal';
import { formatDate, formatDuration } from './format';

const STATUSES = ['', 'success', 'error', 'running', 'waiting', 'canceled', 'crashed', 'new'];

export function ExecutionsPage({ workflowId }: { workflowId?: string }) {
  const ui = useUi();
  const [status, setStatus] = useState('');
  const [page, setPage] = useState<{ data: ExecutionSummary[]; total: number } | null>(null);
  const [offset, setOffset] = useState(0);
  const limit = 50;
  const load = useCallback(() => {
    api.listExecutions({ workflowId, status: status || undefined, limit, offset }).then(setPage,
      (e: Error) => ui.toast('error', 'Could not load executions', e.message));
  }, [workflowId, status, offset, ui]);
  useEffect(load, [load]);
  // running executions change: refresh while any is unfinished
  useEffect(() => {
    if (!page?.data.some((x) => x.status === 'running' || x.status === 'new' || x.status === 'waiting')) return;
    const t = setTimeout(load, 2000);
    return () => clearTimeout(t);
  }, [page, load]);

  return (
    <div className="page" data-testid="executions-page">
      <div className="page-header">
        <h1>{workflowId ? 'Workflow executions' : 'Executions'}</h1>
        {workflowId && <a href={`#/workflow/${workflowId}`} className="btn secondary" data-testid="back-to-workflow">Back to workflow</a>}
        <span className="spacer" />
        <select value={status} onChange={(e) => { setOffset(0); setStatus(e.target.value); }} data-testid="executions-status-filter">
          {STATUSES.map((s) => <option key={s} value={s}>{s ? s : 'Any status'}</option>)}
        </select>
        <button type="button" className="btn secondary" data-testid="refresh-executions" onClick={load}>Refresh</button>
      </div>
      {page && page.data.length === 0 && <div className="empty-state"><h2>No executions</h2><p className="muted">Executions appear here when workflows run.</p></div>}
      {page && page.data.length > 0 && (
        <table className="list-table" data-testid="executions-list">
          <thead><tr><th>Workflow</th><th>Status</th><th>Mode</th><th>Started</th><th>Duration</th><th>ID</th><th /></tr></thead>
          <tbody>
            {page.data.map((x) => (
              <tr key={x.id} data-testid={`execution-row-${x.id}`} className="clickable" onClick={() => navigate(`/execution/${x.id}`)}>
                <td>{x.workflowName ?? x.workflowId}</td>
                <td><span className={`status-pill ${x.status}`} data-testid={`execution-status-${x.id}`}>{x.status}</span>
                  {x.error?.message && <div className="muted small">{x.error.node ? `${x.error.node}: ` : ''}{x.error.message}</div>}</td>
                <td data-testid={`execution-mode-${x.id}`}>{x.mode}{x.retryOf ? ` (retry of ${x.retryOf})` : ''}</td>
                <td>{formatDate(x.startedAt)}</td>
                <td>{formatDuration(x.durationMs)}</td>
                <td className="muted">{x.id}</td>
                <td className="row-actions" onClick={(e) => e.stopPropagation()}>
                  <a href={`#/execution/${x.id}`} data-testid={`open-execution-${x.id}`}>View</a>
                  <button type="button" className="btn link danger" onClick={async () => {
                    if (await ui.confirm('Delete this execution?')) {
                      api.deleteExecution(x.id).then(load, (e: Error) => ui.toast('error', 'Could not delete', e.message));
                    }
                  }}>Delete</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page && page.total > limit && (
        <div className="pager">
          <button type="button" className="btn secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - limit))}>Previous</button>
          <span className="muted">{offset + 1}–{Math.min(offset + limit, page.total)} of {page.total}</span>
          <button type="button" className="btn secondary" disabled={offset + limit >= page.total} onClick={() => setOffset(offset + limit)}>Next</button>
        </div>
      )}
    </div>
  );
}

/** One execution: its nodes with their status, and the input/output viewer of the chosen node. */
export function ExecutionDetailPage({ id }: { id: string }) {
  const ui = useUi();
  const catalog = useCatalog();
  const [x, setX] = useState<Execution | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [node, setNode] = useState<string | null>(null);
  useEffect(() => {
    let stop = false;
    const load = () => api.getExecution(id).then((e) => {
      if (stop) return;
      setX(e);
      setNode((n) => n ?? e.error?.node ?? e.lastNodeExecuted ?? Object.keys(e.nodes ?? {})[0] ?? null);
      if (e.status === 'running' || e.status === 'new' || e.status === 'waiting') setTimeout(load, 1500);
    }, (e: Error) => setError(e.message));
    load();
    return () => {
      stop = true;
    };
  }, [id]);
  if (error) return <div className="page"><div className="form-error">{error}</div></div>;
  if (!x) return <div className="page-loading">Loading execution…</div>;
  const names = Object.keys(x.nodes ?? {});
  const runs: NodeRun[] | undefined = node ? x.nodes?.[node] : undefined;
  return (
    <div className="page execution-detail" data-testid="execution-detail">
      <div className="page-header">
        <h1>Execution {x.id}</h1>
        <span className={`status-pill ${x.status}`} data-testid="execution-detail-status">{x.status}</span>
        <span className="spacer" />
        <a className="btn secondary" href={`#/workflow/${x.workflowId}`} data-testid="open-execution-workflow">Open workflow</a>
        <button type="button" className="btn secondary" data-testid="retry-execution" onClick={async () => {
          try {
            const r = await api.retryExecution(x.id);
            navigate(`/execution/${r.id}`);
          } catch (e) {
            ui.toast('error', 'Could not retry', (e as Error).message);
          }
        }}>Retry</button>
      </div>
      <div className="execution-meta">
        <div><span className="muted">Workflow</span> {x.workflowName ?? x.workflowId}</div>
        <div><span className="muted">Mode</span> {x.mode}</div>
        <div><span className="muted">Started</span> {formatDate(x.startedAt)}</div>
        <div><span className="muted">Duration</span> {formatDuration(x.durationMs)}</div>
        {x.retryOf && <div><span className="muted">Retry of</span> <a href={`#/execution/${x.retryOf}`}>{x.retryOf}</a></div>}
      </div>
      {x.error && <div className="run-error" data-testid="execution-error"><strong>{x.error.node ? `${x.error.node}: ` : ''}</strong>{x.error.message}</div>}
      <div className="execution-body">
        <ul className="execution-nodes" data-testid="execution-nodes">
          {names.map((n) => {
            const r = x.nodes![n];
            const last = r[r.length - 1];
            const items = last?.output?.reduce((s, p) => s + (p?.length ?? 0), 0) ?? 0;
            return (
              <li key={n} className={n === node ? 'on' : ''}>
                <button type="button" data-testid={`execution-node-${n}`} onClick={() => setNode(n)}>
                  <span className={`dot ${last?.status}`} />
                  <span className="name">{n}</span>
                  <span className="muted">{items} {items === 1 ? 'item' : 'items'}</span>
                </button>
              </li>
            );
          })}
        </ul>
        {node && (
          <div className="execution-data">
            <div className="execution-pane">
              <h3>Input</h3>
              <RunDataPane key={`${node}-in`} runs={runs} side="input" labels={[]} testId="execution-input" emptyText="No input" />
            </div>
            <div className="execution-pane">
              <h3>Output</h3>
              <RunDataPane key={`${node}-out`} runs={runs} side="output" labels={[]} testId="execution-output" emptyText="No output" />
            </div>
          </div>
        )}
      </div>
      {catalog.error && <div className="muted">{catalog.error}</div>}
    </div>
  );
}
