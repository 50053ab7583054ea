import type { Item, NodeRun, NodeType, WorkflowNode } from '../api/types';
import { outputsOf } from '../workflow/model';
import { RunDataPane } from './DataView';

/** The node details view's output side: the last run's output, or the pinned data, with Pin / Unpin. */
export function OutputSide({
  node,
  type,
  isTrigger,
  runs,
  pinned,
  lastOutput,
  onPin,
}: {
  node: WorkflowNode;
  type: NodeType | undefined;
  isTrigger: boolean;
  runs: NodeRun[] | undefined;
  pinned: Item[] | undefined;
  lastOutput: Item[] | undefined;
  /** pins these items as the node's output, or unpins it with null */
  onPin: (items: Item[] | null) => void;
}) {
  return (
    <section className="ndv-side ndv-output" data-testid="output-panel">
      <div className="ndv-side-title">
        Output
        <span className="spacer" />
        {pinned ? (
          <button
            type="button"
            className="btn secondary small"
            data-testid="unpin-output"
            onClick={() => onPin(null)}
            title="Run this node again in manual runs"
          >
            Unpin
          </button>
        ) : lastOutput && lastOutput.length > 0 ? (
          <button
            type="button"
            className="btn secondary small"
            data-testid="pin-output"
            title="Use this output in manual runs instead of running the node"
            onClick={() => onPin(lastOutput.map((i) => ({ json: i.json })))}
          >
            Pin
          </button>
        ) : null}
      </div>
      {pinned ? (
        <>
          <div className="pinned-banner" data-testid="output-pinned">
            This data is pinned: manual runs use it instead of running the node (production runs ignore it).
          </div>
          <RunDataPane
            runs={[{ runIndex: 0, status: 'pinned', error: null, output: [pinned] }]}
            side="output"
            labels={outputsOf(node, type)}
            testId="output"
            emptyText=""
          />
        </>
      ) : (
        <RunDataPane
          runs={runs}
          side="output"
          labels={outputsOf(node, type)}
          testId="output"
          emptyText={
            isTrigger
              ? 'No output yet. Execute the workflow or listen for a test event.'
              : 'No output data. Execute the workflow to see it here.'
          }
        />
      )}
    </section>
  );
}
