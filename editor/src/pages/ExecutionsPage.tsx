import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/client';
import type { Execution, ExecutionSummary, NodeRun, Workflow } from '../api/types';
import { type CanvasApi, WorkflowCanvas } from '../canvas/WorkflowCanvas';
import { RunDataPane } from '../panels/DataView';
import { navigate } from '../router';
import { useCatalog } from '../state/catalog';
import { useUi } from '../ui/Modal';
import { formatDate, formatDuration } from './format';

const STATUSES = ['', 'success', 'error', 'running', 'waiting', 'canceled', 'crashed', 'new'];

const UNFINISHED = new Set(['running', 'new', 'waiting']);

/** The executions list: refreshes itself (every second while one runs), filters by status, stops running ones. */
export function ExecutionsPage({ workflowId }: { workflowId?: string }) {
  const ui = useUi();
  const [status, setStatus] = useState('');
  const [page, setPage] = useState<{ data: ExecutionSummary[]; total: number } | null>(null);
  const [offset, setOffset] = useState(0);
  const [stopping, setStopping] = useState<Set<string>>(new Set());
  const limit = 50;
  const load = useCallback(() => {
    api
      .listExecutions({ workflowId, status: status || undefined, limit, offset })
      .then(setPage, (e: Error) => ui.toast('error', 'Could not load executions', e.message));
  }, [workflowId, status, offset, ui]);
  useEffect(load, [load]);
  const anyRunning = !!page?.data.some((x) => UNFINISHED.has(x.status));
  useEffect(() => {
    const t = setTimeout(
      () => {
        if (document.visibilityState !== 'hidden') load();
      },
      anyRunning ? 1000 : 3000,
    );
    return () => clearTimeout(t);
  }, [page, load, anyRunning]);

  const stop = async (id: string) => {
    setStopping((s) => new Set(s).add(id));
    try {
      await api.cancelExecution(id);
      load();
    } catch (e) {
      ui.toast('error', 'Could not stop the execution', (e as Error).message);
    } finally {
      setStopping((s) => {
        const n = new Set(s);
        n.delete(id);
        return n;
      });
    }
  };

  return (
    <div className="page" data-testid="executions-page">
      <div className="page-header">
        <h1>{workflowId ? 'Workflow executions' : 'Executions'}</h1>
        {workflowId && (
          <a href={`#/workflow/${workflowId}`} className="btn secondary" data-testid="back-to-workflow">
            Back to workflow
          </a>
        )}
        <span className="spacer" />
        <span className="muted small" data-testid="auto-refresh">
          Refreshes automatically
        </span>
        <select
          value={status}
          onChange={(e) => {
            setOffset(0);
            setStatus(e.target.value);
          }}
          data-testid="executions-status-filter"
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s ? s : 'Any status'}
            </option>
          ))}
        </select>
        <button type="button" className="btn secondary" data-testid="refresh-executions" onClick={load}>
          Refresh
        </button>
      </div>
      {page && page.data.length === 0 && (
        <div className="empty-state">
          <h2>No executions</h2>
          <p className="muted">Executions appear here when workflows run.</p>
        </div>
      )}
      {page && page.data.length > 0 && (
        <table className="list-table" data-testid="executions-list">
          <thead>
            <tr>
              <th>Workflow</th>
              <th>Status</th>
              <th>Mode</th>
              <th>Started</th>
              <th>Duration</th>
              <th>ID</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {page.data.map((x) => (
              <tr
                key={x.id}
                data-testid={`execution-row-${x.id}`}
                className="clickable"
                onClick={() => navigate(`/execution/${x.id}`)}
              >
                <td>{x.workflowName ?? x.workflowId}</td>
                <td>
                  <span className={`status-pill ${x.status}`} data-testid={`execution-status-${x.id}`}>
                    {x.status}
                  </span>
                  {x.error?.message && (
                    <div className="muted small">
                      {x.error.node ? `${x.error.node}: ` : ''}
                      {x.error.message}
                    </div>
                  )}
                </td>
                <td data-testid={`execution-mode-${x.id}`}>
                  {x.mode}
                  {x.retryOf ? ` (retry of ${x.retryOf})` : ''}
                </td>
                <td>{formatDate(x.startedAt)}</td>
                <td>
                  {UNFINISHED.has(x.status) ? <span className="muted">running…</span> : formatDuration(x.durationMs)}
                </td>
                <td className="muted">{x.id}</td>
                <td className="row-actions" onClick={(e) => e.stopPropagation()}>
                  <a href={`#/execution/${x.id}`} data-testid={`open-execution-${x.id}`}>
                    View
                  </a>
                  {UNFINISHED.has(x.status) ? (
                    <button
                      type="button"
                      className="btn small danger"
                      data-testid={`stop-execution-${x.id}`}
                      disabled={stopping.has(x.id)}
                      onClick={() => void stop(x.id)}
                    >
                      {stopping.has(x.id) ? 'Stopping…' : 'Stop'}
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="btn link danger"
                      onClick={async () => {
                        if (await ui.confirm('Delete this execution?')) {
                          api
                            .deleteExecution(x.id)
                            .then(load, (e: Error) => ui.toast('error', 'Could not delete', e.message));
                        }
                      }}
                    >
                      Delete
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page && page.total > limit && (
        <div className="pager">
          <button
            type="button"
            className="btn secondary"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - limit))}
          >
            Previous
          </button>
          <span className="muted">
            {offset + 1}–{Math.min(offset + limit, page.total)} of {page.total}
          </span>
          <button
            type="button"
            className="btn secondary"
            disabled={offset + limit >= page.total}
            onClick={() => setOffset(offset + limit)}
          >
            Next
          </button>
        </div>
      )}
    </div>
  );
}

/** One execution on the canvas of the workflow version it ran: per-node status and item counts, errors in red; a node's input and output below. */
export function ExecutionDetailPage({ id }: { id: string }) {
  return (
    <ReactFlowProvider>
      <ExecutionDetail id={id} />
    </ReactFlowProvider>
  );
}

function ExecutionDetail({ id }: { id: string }) {
  const ui = useUi();
  const catalog = useCatalog();
  const [x, setX] = useState<Execution | null>(null);
  const [wf, setWf] = useState<Workflow | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [node, setNode] = useState<string | null>(null);
  const canvasApi = useRef<CanvasApi | null>(null);
  useEffect(() => {
    let stop = false;
    const load = () =>
      api.getExecution(id).then(
        (e) => {
          if (stop) return;
          setX(e);
          setNode((n) => n ?? e.error?.node ?? e.lastNodeExecuted ?? Object.keys(e.nodes ?? {})[0] ?? null);
          if (e.status === 'running' || e.status === 'new' || e.status === 'waiting')
            setTimeout(() => void load(), 1000);
        },
        (e: Error) => setError(e.message),
      );
    void load();
    return () => {
      stop = true;
    };
  }, [id]);
  const versionKey = x ? `${x.workflowId}/${x.workflowVersionId ?? ''}` : '';
  useEffect(() => {
    if (!x?.workflowId) return;
    const load = x.workflowVersionId
      ? api.workflowVersion(x.workflowId, x.workflowVersionId)
      : api.getWorkflow(x.workflowId);
    load.then(
      (w) => {
        setWf({ ...w, nodes: w.nodes ?? [], connections: w.connections ?? {} });
      },
      () => setWf(null),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [versionKey]);
  const issues = useMemo(() => ({}), []);
  if (error)
    return (
      <div className="page">
        <div className="form-error">{error}</div>
      </div>
    );
  if (!x) return <div className="page-loading">Loading execution…</div>;
  const runs: NodeRun[] | undefined = node ? x.nodes?.[node] : undefined;
  const retry = async (mode: 'original' | 'current') => {
    try {
      const r = await api.retryExecution(x.id, mode);
      navigate(`/execution/${r.id}`);
    } catch (e) {
      ui.toast('error', 'Could not retry', (e as Error).message);
    }
  };
  const finished = !['running', 'new', 'waiting'].includes(x.status);
  return (
    <div className="page execution-detail" data-testid="execution-detail">
      <div className="page-header">
        <h1>Execution {x.id}</h1>
        <span className={`status-pill ${x.status}`} data-testid="execution-detail-status">
          {x.status}
        </span>
        <span className="spacer" />
        <a className="btn secondary" href={`#/workflow/${x.workflowId}`} data-testid="open-execution-workflow">
          Open workflow
        </a>
        {!finished && (
          <button
            type="button"
            className="btn danger"
            data-testid="stop-this-execution"
            onClick={() =>
              api.cancelExecution(x.id).catch((e: Error) => ui.toast('error', 'Could not stop', e.message))
            }
          >
            Stop
          </button>
        )}
        {finished && x.status !== 'success' && (
          <>
            <button
              type="button"
              className="btn secondary"
              data-testid="retry-original"
              title="Runs the failed node again with the workflow version that ran; the nodes before it keep their output"
              onClick={() => void retry('original')}
            >
              Retry with original workflow (from node with error)
            </button>
            <button
              type="button"
              className="btn secondary"
              data-testid="retry-current"
              title="Runs the failed node again with the workflow as saved now; the nodes before it keep their output"
              onClick={() => void retry('current')}
            >
              Retry with currently saved workflow (from node with error)
            </button>
          </>
        )}
      </div>
      <div className="execution-meta">
        <div>
          <span className="muted">Workflow</span> {x.workflowName ?? x.workflowId}
        </div>
        <div>
          <span className="muted">Mode</span> {x.mode}
        </div>
        <div>
          <span className="muted">Started</span> {formatDate(x.startedAt)}
        </div>
        <div>
          <span className="muted">Duration</span> {formatDuration(x.durationMs)}
        </div>
        {x.retryOf && (
          <div>
            <span className="muted">Retry of</span> <a href={`#/execution/${x.retryOf}`}>{x.retryOf}</a>
          </div>
        )}
      </div>
      {x.error && (
        <div className="run-error" data-testid="execution-error">
          <strong>{x.error.node ? `${x.error.node}: ` : ''}</strong>
          {x.error.message}
        </div>
      )}
      {wf && (
        <div className="execution-canvas" data-testid="execution-canvas">
          <WorkflowCanvas
            key={`${wf.id}/${wf.versionId ?? ''}`}
            workflow={wf}
            nodeType={catalog.nodeType}
            execution={x}
            triggers={[]}
            issues={issues}
            commit={() => undefined}
            recordFrom={() => undefined}
            replace={() => undefined}
            onOpenNode={setNode}
            onRename={() => undefined}
            onDropType={() => undefined}
            onSave={() => undefined}
            onUndo={() => undefined}
            onRedo={() => undefined}
            keyboardEnabled={false}
            apiRef={canvasApi}
            readOnly
          />
        </div>
      )}
      {node && (
        <div className="execution-data" data-testid={`execution-node-data-${node}`}>
          <div className="execution-pane">
            <h3>{node}: input</h3>
            <RunDataPane
              key={`${node}-in`}
              runs={runs}
              side="input"
              labels={[]}
              testId="execution-input"
              emptyText="No input"
            />
          </div>
          <div className="execution-pane">
            <h3>{node}: output</h3>
            <RunDataPane
              key={`${node}-out`}
              runs={runs}
              side="output"
              labels={[]}
              testId="execution-output"
              emptyText="No output"
            />
          </div>
        </div>
      )}
      {catalog.error && <div className="muted">{catalog.error}</div>}
    </div>
  );
}
