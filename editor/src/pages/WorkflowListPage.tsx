import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import type { WorkflowSummary } from '../api/types';
import { navigate } from '../router';
import { useUi } from '../ui/Modal';
import { formatDate } from './format';

export function WorkflowListPage() {
  const ui = useUi();
  const [list, setList] = useState<WorkflowSummary[] | null>(null);
  const [search, setSearch] = useState('');
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const load = useCallback(() => {
    api.listWorkflows({ name: search || undefined }).then(
      (p) => {
        setList(p.data);
        setError(null);
      },
      (e: Error) => setError(e.message),
    );
  }, [search]);
  useEffect(load, [load]);

  const toggle = async (w: WorkflowSummary, on: boolean) => {
    try {
      const r = on ? await api.activate(w.id) : await api.deactivate(w.id);
      setList((l) => l?.map((x) => (x.id === w.id ? { ...x, active: r.active ?? on } : x)) ?? null);
    } catch (e) {
      ui.toast(
        'error',
        on ? 'Workflow could not be activated' : 'Workflow could not be deactivated',
        (e as Error).message,
      );
    }
  };
  const remove = async (w: WorkflowSummary) => {
    if (!(await ui.confirm(`Delete workflow “${w.name}”? This cannot be undone.`))) return;
    try {
      await api.deleteWorkflow(w.id);
      ui.toast('success', 'Workflow deleted');
      load();
    } catch (e) {
      ui.toast('error', 'Could not delete the workflow', (e as Error).message);
    }
  };
  const importFile = async (file: File) => {
    try {
      const json: unknown = JSON.parse(await file.text());
      const w = await api.importWorkflow(json);
      navigate(`/workflow/${w.id}`);
    } catch (e) {
      ui.toast('error', 'Could not import the workflow', (e as Error).message);
    }
  };

  return (
    <div className="page" data-testid="workflows-page">
      <div className="page-header">
        <h1>Workflows</h1>
        <span className="spacer" />
        <input
          className="search"
          placeholder="Search workflows…"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          data-testid="workflow-search"
        />
        <input
          type="file"
          accept="application/json,.json"
          hidden
          ref={fileInput}
          data-testid="import-workflow-file"
          onChange={(e) => e.target.files?.[0] && importFile(e.target.files[0])}
        />
        <button
          type="button"
          className="btn secondary"
          data-testid="import-workflow"
          onClick={() => fileInput.current?.click()}
        >
          Import from file
        </button>
        <button
          type="button"
          className="btn primary"
          data-testid="new-workflow"
          onClick={() => navigate('/workflow/new')}
        >
          + Create workflow
        </button>
      </div>
      {error && <div className="form-error">{error}</div>}
      {list && list.length === 0 && (
        <div className="empty-state" data-testid="workflows-empty">
          <h2>No workflows yet</h2>
          <p className="muted">Create a workflow to automate your home.</p>
          <button type="button" className="btn primary" onClick={() => navigate('/workflow/new')}>
            Start from scratch
          </button>
        </div>
      )}
      {list && list.length > 0 && (
        <table className="list-table" data-testid="workflows-list">
          <thead>
            <tr>
              <th>Name</th>
              <th>Nodes</th>
              <th>Updated</th>
              <th>Created</th>
              <th>Active</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((w) => (
              <tr key={w.id} data-testid={`workflow-row-${w.id}`}>
                <td>
                  <a href={`#/workflow/${w.id}`} data-testid={`open-workflow-${w.id}`} className="strong">
                    {w.name}
                  </a>
                </td>
                <td>{w.nodeCount}</td>
                <td>{formatDate(w.updatedAt)}</td>
                <td>{formatDate(w.createdAt)}</td>
                <td>
                  <label className="switch">
                    <input
                      type="checkbox"
                      checked={w.active}
                      data-testid={`workflow-active-${w.id}`}
                      onChange={(e) => toggle(w, e.target.checked)}
                    />
                    <span className="slider" />
                  </label>
                </td>
                <td className="row-actions">
                  <a href={`#/workflow/${w.id}/executions`}>Executions</a>
                  <button
                    type="button"
                    className="btn link danger"
                    data-testid={`delete-workflow-${w.id}`}
                    onClick={() => remove(w)}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
