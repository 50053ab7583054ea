import type { Workflow } from '../api/types';
import { edgesOf } from './model';

/** Node types a loop may go through without running forever (n8n's Loop Over Items). */
export function isLoopNodeType(type: string): boolean {
  return /(^|\.)splitInBatches$/i.test(type);
}

/**
 * The loops of a workflow: each strongly connected group of nodes (Tarjan), in the order the nodes
 * are listed, with the ids of the connections inside it.
 */
export function loopsOf(wf: Workflow): Array<{ nodes: string[]; edges: string[] }> {
  const edges = edgesOf(wf);
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
    }
    if (low.get(v) === idx.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      const selfLoop = group.length === 1 && (next.get(v) ?? []).includes(v);
      if (group.length > 1 || selfLoop) groups.push(group);
    }
  };
  for (const n of wf.nodes) if (!idx.has(n.name)) visit(n.name);
  const order = new Map(wf.nodes.map((n, i) => [n.name, i]));
  return groups.map((g) => {
    const members = new Set(g);
    return {
      nodes: [...g].sort((x, y) => (order.get(x) ?? 0) - (order.get(y) ?? 0)),
      edges: edges.filter((e) => members.has(e.source) && members.has(e.target)).map((e) => e.id),
    };
  });
}

/** Loops that do not go through Loop Over Items: they run until stopped (or the execution limits end them). */
export function unboundedLoops(wf: Workflow): string[][] {
  const typeOf = new Map(wf.nodes.map((n) => [n.name, n.type]));
  return loopsOf(wf)
    .filter((l) => !l.nodes.some((n) => isLoopNodeType(typeOf.get(n) ?? '')))
    .map((l) => l.nodes);
}
