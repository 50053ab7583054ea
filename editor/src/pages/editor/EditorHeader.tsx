import type { Workflow } from '../../api/types';
import { Icon } from '../../ui/icons';
import { toWire } from '../../workflow/model';

export interface EditorHeaderProps {
  wf: Workflow;
  id?: string;
  dirty: boolean;
  saving: boolean;
  activating: boolean | null;
  canUndo: boolean;
  canRedo: boolean;
  onRename: (name: string) => void;
  onToggleActive: (on: boolean) => void;
  onUndo: () => void;
  onRedo: () => void;
  onSave: () => void;
}

/** Name, save state, tabs, the active switch, undo/redo, download and Save. */
export function EditorHeader(p: EditorHeaderProps) {
  const { wf, id, dirty, activating } = p;
  return (
    <header className="editor-header">
      <input
        className="workflow-name"
        data-testid="workflow-name"
        value={wf.name}
        onChange={(e) => p.onRename(e.target.value)}
      />
      <span className={`save-state ${dirty ? 'dirty' : 'clean'}`} data-testid="save-state">
        {dirty ? 'Unsaved changes' : 'Saved'}
      </span>
      <nav className="editor-tabs">
        <span className="on">Editor</span>
        {id ? (
          <a href={`#/workflow/${id}/executions`} data-testid="tab-executions">
            Executions
          </a>
        ) : (
          <span className="disabled">Executions</span>
        )}
      </nav>
      <span className="spacer" />
      <label
        className="active-toggle"
        title={wf.active ? 'Deactivate' : 'Activate: start triggers and production webhooks'}
      >
        <span data-testid="active-label">
          {activating !== null ? (activating ? 'Activating…' : 'Deactivating…') : wf.active ? 'Active' : 'Inactive'}
        </span>
        <span className="switch">
          <input
            type="checkbox"
            data-testid="activate-toggle"
            checked={activating ?? !!wf.active}
            disabled={activating !== null}
            onChange={(e) => p.onToggleActive(e.target.checked)}
          />
          <span className="slider" />
        </span>
      </label>
      <button
        type="button"
        className="btn secondary"
        data-testid="undo"
        disabled={!p.canUndo}
        onClick={p.onUndo}
        title="Undo (Ctrl+Z)"
      >
        <Icon name="undo" />
      </button>
      <button
        type="button"
        className="btn secondary"
        data-testid="redo"
        disabled={!p.canRedo}
        onClick={p.onRedo}
        title="Redo (Ctrl+Shift+Z)"
      >
        <Icon name="redo" />
      </button>
      <button
        type="button"
        className="btn secondary"
        data-testid="download-workflow"
        title="Download as n8n JSON"
        onClick={() => {
          const blob = new Blob([JSON.stringify(toWire(wf), null, 2)], { type: 'application/json' });
          const a = document.createElement('a');
          a.href = URL.createObjectURL(blob);
          a.download = `${wf.name || 'workflow'}.json`;
          a.click();
        }}
      >
        <Icon name="download" />
      </button>
      <button type="button" className="btn primary" data-testid="save-workflow" disabled={p.saving} onClick={p.onSave}>
        {p.saving ? 'Saving…' : dirty ? 'Save' : 'Saved'}
      </button>
    </header>
  );
}
