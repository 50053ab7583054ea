import { BaseEdge, EdgeLabelRenderer, type Edge, type EdgeProps, getBezierPath } from '@xyflow/react';
import { useState } from 'react';
import { Icon } from '../ui/icons';

export interface CanvasEdgeData extends Record<string, unknown> {
  items?: number;
  onDelete: (id: string) => void;
  error?: boolean;
}

export type CanvasFlowEdge = Edge<CanvasEdgeData, 'hearth'>;

/** A connection with its item count after a run, and a delete button on hover or selection. */
export function CanvasEdge(props: EdgeProps<CanvasFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd } = props;
  const [hover, setHover] = useState(false);
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const ran = data?.items !== undefined;
  return (
    <>
      <g onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
        <BaseEdge id={id} path={path} markerEnd={markerEnd} interactionWidth={24}
          style={{ stroke: selected ? '#ff6d5a' : ran && data!.items! > 0 ? '#29a568' : data?.error ? '#e05555' : '#9aa0ab', strokeWidth: selected ? 3 : 2 }} />
      </g>
      <EdgeLabelRenderer>
        <div className="edge-label nodrag nopan" style={{ transform: `translate(-50%, -50%) translate(${labelX}px,${labelY}px)` }}
          onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
          {ran && <span className="edge-items">{data!.items} {data!.items === 1 ? 'item' : 'items'}</span>}
          {(hover || selected) && (
            <button type="button" className="edge-delete" title="Delete connection" data-testid={`delete-edge-${id}`}
              onClick={() => data?.onDelete(id)}><Icon name="trash" size={13} /></button>
          )}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}
