import { useCallback, useMemo } from 'react';
import { api } from '../api/client';
import type { Execution, JsonObject, NodeRun, Workflow } from '../api/types';
import { toWire, upstreamOf } from '../workflow/model';

function runsOf(execution: Execution | null, name: string): NodeRun[] | undefined {
  const r = execution?.nodes?.[name];
  return r && r.length ? r : undefined;
}

/**
 * What the node details view shows of runs: the node's own runs, its input (its own run, else what the node on its
 * first input put out or pinned), its pinned output, the item expressions preview on, and the expression preview.
 */
export function useNodeRunData(workflow: Workflow, name: string, execution: Execution | null, workflowId?: string) {
  const runs = runsOf(execution, name);
  // input: this node's own run, else what the node connected to its first input put out
  const inputRuns = useMemo<NodeRun[] | undefined>(() => {
    if (runs) return runs;
    for (const [source, byType] of Object.entries(workflow.connections)) {
      const outputs = byType.main ?? [];
      for (let o = 0; o < outputs.length; o++) {
        if ((outputs[o] ?? []).some((c) => c.node === name && c.index === 0)) {
          const parent = runsOf(execution, source);
          const last = parent?.[parent.length - 1];
          if (last?.output?.[o]) {
            return [{ runIndex: 0, status: last.status, error: null, input: [last.output[o]] }];
          }
          // before any run: the parent's pinned data
          const pinned = workflow.pinData?.[source];
          if (pinned && o === 0) return [{ runIndex: 0, status: 'pinned', error: null, input: [pinned] }];
        }
      }
    }
    return undefined;
  }, [runs, workflow.connections, workflow.pinData, execution, name]);
  const pinned = workflow.pinData?.[name];
  const lastOutput = runs?.[runs.length - 1]?.output?.[0];
  const previewItem: JsonObject | undefined = inputRuns?.[inputRuns.length - 1]?.input?.[0]?.[0]?.json;

  // the server evaluates expressions as a run would: on this node's input item, over the runs of the last execution
  // (or pinned data) of the nodes it gets data from and of the nodes the expression names
  const evaluate = useCallback(
    (expression: string) => {
      const wanted = upstreamOf(workflow, name);
      for (const m of expression.matchAll(/\$(?:\(\s*|node\[\s*)(['"])(.+?)\1/g)) wanted.add(m[2]);
      const runData: Record<string, NodeRun[]> = {};
      for (const other of wanted) {
        const r = runsOf(execution, other);
        // only this node's own input is read; the others' outputs and sources are what paired items follow
        if (r) runData[other] = other === name ? r : r.map((run) => ({ ...run, input: [] }));
      }
      return api.previewExpression({
        expression,
        node: name,
        runData,
        workflow: toWire({ ...workflow, id: workflowId ?? workflow.id }),
      });
    },
    [execution, workflow, name, workflowId],
  );
  return { runs, inputRuns, pinned, lastOutput, previewItem, evaluate };
}
