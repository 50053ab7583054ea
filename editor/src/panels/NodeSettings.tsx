import type { OnError, WorkflowNode } from '../api/types';

/** The Settings tab: n8n's node settings (always output data, execute once, retry, on error, notes). */
export function NodeSettings({
  node,
  onChange,
}: {
  node: WorkflowNode;
  onChange: (u: (n: WorkflowNode) => WorkflowNode) => void;
}) {
  const set = (patch: Partial<WorkflowNode>, remove: string[] = []) =>
    onChange((n) => {
      const next: WorkflowNode = { ...n, ...patch };
      for (const k of remove) delete next[k];
      return next;
    });
  const toggle = (
    key: 'alwaysOutputData' | 'executeOnce' | 'retryOnFail' | 'disabled',
    label: string,
    hint: string,
  ) => (
    <div className="field field-toggle">
      <div className="field-label">
        <label htmlFor={`setting-${key}`} title={hint}>
          {label}
        </label>
        <span className="info" title={hint}>
          ?
        </span>
      </div>
      <label className="switch">
        <input
          id={`setting-${key}`}
          type="checkbox"
          data-testid={`setting-${key}`}
          checked={!!node[key]}
          onChange={(e) => (e.target.checked ? set({ [key]: true }) : set({}, [key]))}
        />
        <span className="slider" />
      </label>
    </div>
  );
  return (
    <div className="node-settings" data-testid="node-settings">
      {toggle('alwaysOutputData', 'Always Output Data', 'Output an empty item when the node returns no items')}
      {toggle('executeOnce', 'Execute Once', 'Run the node only for the first input item')}
      {toggle('retryOnFail', 'Retry On Fail', 'Run the node again when it fails')}
      {node.retryOnFail && (
        <>
          <div className="field">
            <div className="field-label">
              <label htmlFor="setting-maxTries">Max. Tries</label>
            </div>
            <input
              id="setting-maxTries"
              type="number"
              min={2}
              max={5}
              data-testid="setting-maxTries"
              value={node.maxTries ?? 3}
              onChange={(e) => set({ maxTries: Math.min(5, Math.max(2, Number(e.target.value) || 3)) })}
            />
          </div>
          <div className="field">
            <div className="field-label">
              <label htmlFor="setting-waitBetweenTries">Wait Between Tries (ms)</label>
            </div>
            <input
              id="setting-waitBetweenTries"
              type="number"
              min={0}
              max={5000}
              step={100}
              data-testid="setting-waitBetweenTries"
              value={node.waitBetweenTries ?? 1000}
              onChange={(e) => set({ waitBetweenTries: Math.min(5000, Math.max(0, Number(e.target.value) || 0)) })}
            />
          </div>
        </>
      )}
      <div className="field">
        <div className="field-label">
          <label htmlFor="setting-onError">On Error</label>
        </div>
        <select
          id="setting-onError"
          data-testid="setting-onError"
          value={node.onError ?? 'stopWorkflow'}
          onChange={(e) =>
            e.target.value === 'stopWorkflow'
              ? set({}, ['onError', 'continueOnFail'])
              : set({ onError: e.target.value as OnError }, ['continueOnFail'])
          }
        >
          <option value="stopWorkflow">Stop Workflow</option>
          <option value="continueRegularOutput">Continue</option>
          <option value="continueErrorOutput">Continue (using error output)</option>
        </select>
      </div>
      <div className="field">
        <div className="field-label">
          <label htmlFor="setting-notes">Notes</label>
        </div>
        <textarea
          id="setting-notes"
          rows={3}
          data-testid="setting-notes"
          value={node.notes ?? ''}
          onChange={(e) => (e.target.value ? set({ notes: e.target.value }) : set({}, ['notes']))}
        />
      </div>
      {toggle('disabled', 'Deactivate Node', 'A deactivated node passes its input through unchanged')}
    </div>
  );
}
