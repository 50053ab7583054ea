import { useEffect, useState } from 'react';
import type { Execution, Item, Settings, WebhookInfo, Workflow, WorkflowNode } from '../api/types';
import { NodeIcon } from '../canvas/NodeIcon';
import type { Issues } from '../form/model';
import { schemaFields, useCatalog } from '../state/catalog';
import type { NodeIssues } from '../workflow/issues';
import { inputsOf, isTriggerType } from '../workflow/model';
import { RunDataPane } from './DataView';
import { NodeSettings } from './NodeSettings';
import { OutputSide } from './OutputSide';
import { ParametersTab } from './ParametersTab';
import { useMigratedParameters } from './useMigratedParameters';
import { useNodeRunData } from './useNodeRunData';

export interface NodePanelProps {
  workflow: Workflow;
  workflowId?: string;
  name: string;
  execution: Execution | null;
  issues: NodeIssues | undefined;
  serverIssues: Issues;
  webhooks: WebhookInfo[];
  settings: Settings | null;
  listening: boolean;
  onChange: (name: string, update: (node: WorkflowNode) => WorkflowNode, key: string) => void;
  onRename: (name: string, wanted: string) => string;
  onClose: () => void;
  onListen: () => void;
  onExecute: () => void;
  /** pins the node's output (manual runs use it instead of running the node), or unpins it with null */
  onPin: (name: string, items: Item[] | null) => void;
}

/** The node details view: input | parameters & settings | output, as n8n's NDV. */
export function NodePanel(props: NodePanelProps) {
  const { workflow, name, execution, onChange, onClose } = props;
  const catalog = useCatalog();
  const node = workflow.nodes.find((n) => n.name === name);
  const type = node ? catalog.nodeType(node.type) : undefined;
  const [tab, setTab] = useState<'parameters' | 'settings'>('parameters');
  const [nameDraft, setNameDraft] = useState(name);
  useEffect(() => setNameDraft(name), [name]);
  const { runs, inputRuns, pinned, lastOutput, previewItem, evaluate } = useNodeRunData(
    workflow,
    name,
    execution,
    props.workflowId,
  );
  const migration = useMigratedParameters(workflow, name, type);
  if (!node) return null;
  const fields = schemaFields(type?.schema);
  const isTrigger = isTriggerType(type);
  const commitName = () => {
    const final = props.onRename(name, nameDraft);
    setNameDraft(final);
  };

  return (
    <div
      className="ndv-backdrop"
      data-testid="node-panel-backdrop"
      onMouseDown={(e) => e.target === e.currentTarget && onClose()}
    >
      <div className="ndv" data-testid="node-panel" role="dialog" aria-label={node.name}>
        {!isTrigger && (
          <section className="ndv-side ndv-input" data-testid="input-panel">
            <div className="ndv-side-title">Input</div>
            <RunDataPane
              runs={inputRuns}
              side="input"
              labels={inputsOf(type, node)}
              testId="input"
              emptyText="No input data yet. Execute the workflow to see the items this node receives."
            />
          </section>
        )}
        <section className="ndv-main">
          <header className="ndv-header">
            <NodeIcon icon={type?.icon} type={node.type} size={28} name={node.name} />
            <input
              className="ndv-name"
              data-testid="node-name-input"
              value={nameDraft}
              onChange={(e) => setNameDraft(e.target.value)}
              onBlur={commitName}
              onKeyDown={(e) => {
                if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
                if (e.key === 'Escape') setNameDraft(name);
              }}
            />
            <span className="spacer" />
            {type?.schema?.['x-node']?.documentationUrl && (
              <a className="docs-link" href={type.schema['x-node'].documentationUrl} target="_blank" rel="noreferrer">
                Docs
              </a>
            )}
            <button type="button" className="btn primary small" data-testid="panel-execute" onClick={props.onExecute}>
              Execute workflow
            </button>
            <button
              type="button"
              className="icon-btn"
              data-testid="close-panel"
              onClick={onClose}
              title="Back to canvas"
            >
              ×
            </button>
          </header>
          <div className="tabs">
            <button
              type="button"
              className={tab === 'parameters' ? 'on' : ''}
              data-testid="tab-parameters"
              onClick={() => setTab('parameters')}
            >
              Parameters
            </button>
            <button
              type="button"
              className={tab === 'settings' ? 'on' : ''}
              data-testid="tab-settings"
              onClick={() => setTab('settings')}
            >
              Settings
            </button>
          </div>
          <div className="ndv-body">
            {!type && (
              <div className="form-error">Unknown node type “{node.type}”: it is not installed on this server.</div>
            )}
            {tab === 'parameters' && type && (
              <ParametersTab
                workflow={workflow}
                node={node}
                type={type}
                fields={fields}
                isTrigger={isTrigger}
                migration={migration}
                previewItem={previewItem}
                evaluate={evaluate}
                issues={props.issues}
                serverIssues={props.serverIssues}
                webhooks={props.webhooks}
                settings={props.settings}
                listening={props.listening}
                onListen={props.onListen}
                onChange={onChange}
              />
            )}
            {tab === 'settings' && <NodeSettings node={node} onChange={(u) => onChange(name, u, `settings:${name}`)} />}
          </div>
        </section>
        <OutputSide
          node={node}
          type={type}
          isTrigger={isTrigger}
          runs={runs}
          pinned={pinned}
          lastOutput={lastOutput}
          onPin={(items) => props.onPin(name, items)}
        />
      </div>
    </div>
  );
}
