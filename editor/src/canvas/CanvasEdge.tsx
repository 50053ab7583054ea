import { BaseEdge, EdgeLabelRenderer, type Edge, type EdgeProps, getBezierPath } from '@xyflow/react';
import { useState } from 'react';
import { Icon } from '../ui/icons';

export interface CanvasEdgeData extends Record<string, unknown> {
  items?: number;
  onDelete: (id: string) => void;
  error?: boolean;
  /** part of a loop (drawn dashed; a backward one is routed below its nodes) */
  loop?: boolean;
}

export type CanvasFlowEdge = Edge<CanvasEdgeData, 'hearth'>;

/**
 * A connection going back (to a node left of its source) runs out right, below both nodes and
 * back in from the left, so it is never hidden under the forward connections.
 */
function backwardPath(sx: number, sy: number, tx: number, ty: number): [string, number, number] {
  const below = Math.max(sy, ty) + 110;
  const out = sx + 50;
  const into = tx - 50;
  const path = `M ${sx} ${sy} C ${out} ${sy}, ${out} ${below}, ${sx} ${below} L ${tx} ${below} C ${into} ${below}, ${into} ${ty}, ${tx} ${ty}`;
  return [path, (sx + tx) / 2, below];
}

/** A connection with its item count after a run, and a delete button on hover or selection. */
export function CanvasEdge(props: EdgeProps<CanvasFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd } = props;
  const [hover, setHover] = useState(false);
  const backward = targetX < sourceX + 40;
  const [path, labelX, labelY] = backward
    ? backwardPath(sourceX, sourceY, targetX, targetY)
    : getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const ran = data?.items !== undefined;
  return (
    <>
      <g onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
        <BaseEdge
          id={id}
          path={path}
          markerEnd={markerEnd}
          interactionWidth={24}
          style={{
            stroke: selected
              ? '#ff6d5a'
              : ran && data.items! > 0
                ? '#29a568'
                : data?.error
                  ? '#e05555'
                  : data?.loop
                    ? '#d97706'
                    : '#9aa0ab',
            strokeWidth: selected ? 3 : 2,
            strokeDasharray: data?.loop ? '6 4' : undefined,
          }}
        />
      </g>
      <EdgeLabelRenderer>
        <div
          className="edge-label nodrag nopan"
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px,${labelY}px)` }}
          onMouseEnter={() => setHover(true)}
          onMouseLeave={() => setHover(false)}
        >
          {ran && (
            <span className="edge-items">
              {data.items} {data.items === 1 ? 'item' : 'items'}
            </span>
          )}
          {(hover || selected) && (
            <button
              type="button"
              className="edge-delete"
              title="Delete connection"
              data-testid={`delete-edge-${id}`}
              onClick={() => data?.onDelete(id)}
            >
              <Icon name="trash" size={13} />
            </button>
          )}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}
