import type { Execution } from '../../api/types';
import { Icon } from '../../ui/icons';

export interface RunBarProps {
  running: boolean;
  stopping: boolean;
  canStop: boolean;
  listening: { testUrls: string[] } | null;
  hasNodes: boolean;
  listensForWebhook: boolean;
  hasWebhook: boolean;
  execution: Execution | null;
  onExecute: () => void;
  onStop: () => void;
  onRunWithInput: () => void;
  onClear: () => void;
  onStopListening: () => void;
}

/** Execute / Stop, the last run's status, and the test-event banner while listening. */
export function RunBar(p: RunBarProps) {
  return (
    <>
      <div className="run-bar" data-testid="run-bar">
        {p.running ? (
          <>
            <span className="btn run running" data-testid="executing">
              <span className="spinner small" /> Executing…
            </span>
            <button
              type="button"
              className="btn danger"
              data-testid="stop-execution"
              disabled={!p.canStop || p.stopping}
              onClick={p.onStop}
              title="Stop the execution"
            >
              <Icon name="stop" size={14} /> {p.stopping ? 'Stopping…' : 'Stop'}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="btn run"
            data-testid="execute-workflow"
            disabled={!!p.listening || !p.hasNodes}
            onClick={p.onExecute}
          >
            <Icon name="play" size={14} />
            {p.listensForWebhook ? 'Execute workflow (listen for test event)' : 'Execute workflow'}
          </button>
        )}
        {p.hasWebhook && !p.running && (
          <button type="button" className="btn secondary" data-testid="execute-with-input" onClick={p.onRunWithInput}>
            Run with input item…
          </button>
        )}
        {p.execution && (
          <span
            className={`status-pill ${p.execution.status}`}
            data-testid="last-execution-status"
            title={p.execution.error?.message ?? ''}
          >
            {p.execution.status}
          </span>
        )}
        {p.execution && !p.running && (
          <button type="button" className="btn link" data-testid="clear-execution" onClick={p.onClear}>
            Clear run data
          </button>
        )}
      </div>
      {p.listening && (
        <div className="listening-banner" data-testid="listening-banner">
          <div className="spinner" />
          <div>
            <strong>Waiting for a test event</strong>
            <div className="muted">Make a request to:</div>
            {p.listening.testUrls.map((u) => {
              const m = /^([A-Z]+)\s+(\S+)$/.exec(u.trim());
              return (
                <div key={u} className="webhook-url">
                  {m && <span className="method">{m[1]}</span>}
                  <code data-testid="listening-url">{m ? m[2] : u}</code>
                </div>
              );
            })}
          </div>
          <button
            type="button"
            className="btn secondary small"
            data-testid="stop-listening"
            onClick={p.onStopListening}
          >
            Stop listening
          </button>
        </div>
      )}
    </>
  );
}
