import type { Execution } from '../api/types';
import type { CanvasNodeData } from './CanvasNode';

/** The node's last run in the execution shown. */
export function lastRun(execution: Execution | null, name: string) {
  const runs = execution?.nodes?.[name];
  return runs && runs.length ? runs[runs.length - 1] : undefined;
}

/** What the canvas shows of a node's run: the last finished run, or the live progress of a running execution. */
export function runSummary(execution: Execution | null, name: string): CanvasNodeData['run'] {
  const live = execution?.progress?.[name];
  if (live) {
    return { status: live.running ? 'running' : live.failed ? 'error' : 'success', items: live.items, runs: live.runs };
  }
  const run = lastRun(execution, name);
  if (!run) return undefined;
  const items = run.output ? run.output.reduce((sum, port) => sum + (port?.length ?? 0), 0) : 0;
  return { status: run.status, items, error: run.error?.message, runs: execution?.nodes?.[name]?.length ?? 1 };
}
