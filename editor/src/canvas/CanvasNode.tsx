import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import type { NodeType, TriggerInfo, WorkflowNode } from '../api/types';
import { Icon } from '../ui/icons';
import { NodeIcon } from './NodeIcon';

export interface CanvasNodeData extends Record<string, unknown> {
  node: WorkflowNode;
  type: NodeType | undefined;
  inputs: string[];
  outputs: string[];
  subtitle: string;
  isTrigger: boolean;
  run?: { status: string; items: number; error?: string; runs?: number };
  trigger?: TriggerInfo;
  issues: string[];
  pinnedRunning?: boolean;
  /** its output is pinned (manual runs use it) */
  pinned?: boolean;
  /** outputs with no connection: they get a "+" to add the next node */
  unconnected?: number[];
  onAddAfter?: (output: number) => void;
}

export type CanvasFlowNode = Node<CanvasNodeData, 'hearth'>;

function handleTop(i: number, n: number): string {
  return `${((i + 1) * 100) / (n + 1)}%`;
}

/** A node on the canvas, n8n style: a square with the icon, the name and subtitle below, handles per port. */
export const CanvasNode = memo(function CanvasNode({ data, selected }: NodeProps<CanvasFlowNode>) {
  const { node, type, inputs, outputs, run, trigger, issues, isTrigger } = data;
  const status = run?.status;
  const cls = [
    'canvas-node',
    isTrigger ? 'trigger' : '',
    selected ? 'selected' : '',
    node.disabled ? 'disabled' : '',
    status === 'success' ? 'run-success' : '',
    status === 'error' || status === 'crashed' ? 'run-error' : '',
    status === 'running' ? 'run-running' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const height = Math.max(100, Math.max(inputs.length, outputs.length) * 28 + 16);
  return (
    <div className="canvas-node-wrap" data-testid={`node-${node.name}`} data-status={status ?? ''}>
      <div className={cls} style={{ height }} title={node.notes || type?.description}>
        {inputs.map((label, i) => (
          <Handle
            key={`in-${i}`}
            id={`in-${i}`}
            type="target"
            position={Position.Left}
            style={{ top: handleTop(i, inputs.length) }}
            className="port port-in"
            data-testid={`handle-in-${node.name}-${i}`}
          >
            {label ? <span className="port-label in">{label}</span> : null}
          </Handle>
        ))}
        <NodeIcon icon={type?.icon} type={node.type} name={node.name} size={44} />
        {!type && (
          <span className="unknown-type" title={`Unknown node type ${node.type}`}>
            ?
          </span>
        )}
        {issues.length > 0 && (
          <span className="node-issues" title={issues.join('\n')} data-testid={`node-issues-${node.name}`}>
            ⚠
          </span>
        )}
        {status === 'success' && (
          <span className="node-run-ok" data-testid={`node-status-${node.name}`} title="Executed successfully">
            ✓
          </span>
        )}
        {(status === 'error' || status === 'crashed') && (
          <span className="node-run-failed" data-testid={`node-status-${node.name}`} title={run?.error ?? 'Failed'}>
            !
          </span>
        )}
        {node.disabled && <span className="node-disabled-mark">Deactivated</span>}
        {data.pinned && (
          <span className="node-pinned" data-testid={`node-pinned-${node.name}`} title="Output pinned">
            <Icon name="pin" size={13} />
          </span>
        )}
        {outputs.map((label, i) => (
          <Handle
            key={`out-${i}`}
            id={`out-${i}`}
            type="source"
            position={Position.Right}
            style={{ top: handleTop(i, outputs.length) }}
            className={`port port-out${label === 'error' ? ' port-error' : ''}`}
            data-testid={`handle-out-${node.name}-${i}`}
          >
            {label ? <span className="port-label out">{label}</span> : null}
          </Handle>
        ))}
        {outputs.map((_, i) =>
          data.unconnected?.includes(i) && data.onAddAfter ? (
            <button
              key={`add-${i}`}
              type="button"
              className="add-after nodrag"
              style={{ top: handleTop(i, outputs.length) }}
              data-testid={`add-after-${node.name}-${i}`}
              title="Add the next node"
              onClick={(e) => {
                e.stopPropagation();
                data.onAddAfter?.(i);
              }}
            >
              +
            </button>
          ) : null,
        )}
      </div>
      <div className="canvas-node-name">{node.name}</div>
      {data.subtitle && <div className="canvas-node-subtitle">{data.subtitle}</div>}
      {run && (
        <div className={`canvas-node-items ${status}`} data-testid={`node-items-${node.name}`}>
          {run.items} {run.items === 1 ? 'item' : 'items'}
          {run.runs && run.runs > 1 ? ` · ${run.runs} runs` : ''}
        </div>
      )}
      {trigger && (
        <div
          className={`trigger-badge state-${trigger.state.toLowerCase()}`}
          data-testid={`trigger-status-${node.name}`}
          title={trigger.message ?? trigger.state}
        >
          {trigger.state}
        </div>
      )}
    </div>
  );
});
