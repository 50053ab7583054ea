import type { Connection, Connections, Json, JsonObject, NodeType, Workflow, WorkflowNode } from '../api/types';
import { getPath, isObject } from '../form/values';

export const EMPTY_WORKFLOW: Workflow = {
  name: 'My workflow',
  nodes: [],
  connections: {},
  settings: { executionOrder: 'v1' },
};

export function newId(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const r = (Math.random() * 16) | 0;
    return (c === 'x' ? r : (r & 0x3) | 0x8).toString(16);
  });
}

/** n8n's unique node names: "Home Assistant", "Home Assistant1", "Home Assistant2", ... */
export function uniqueName(base: string, taken: Iterable<string>, ignore?: string): string {
  const names = new Set(taken);
  if (ignore) names.delete(ignore);
  if (!names.has(base)) return base;
  const stem = base.replace(/\d+$/, '');
  for (let i = 1; ; i++) {
    const candidate = `${stem}${i}`;
    if (!names.has(candidate)) return candidate;
  }
}

export function isTriggerType(t: Pick<NodeType, 'group'> | undefined): boolean {
  if (!t) return false;
  const groups = Array.isArray(t.group) ? t.group : [t.group];
  return groups.some((g) => String(g).toLowerCase() === 'trigger');
}

export function addNode(
  wf: Workflow,
  type: NodeType,
  position: [number, number],
): { workflow: Workflow; name: string } {
  const name = uniqueName(
    type.displayName,
    wf.nodes.map((n) => n.name),
  );
  const node: WorkflowNode = {
    id: newId(),
    name,
    type: type.name,
    typeVersion: type.defaultVersion ?? type.versions?.[type.versions.length - 1] ?? 1,
    position: [Math.round(position[0]), Math.round(position[1])],
    parameters: {},
  };
  if (isTriggerType(type) && type.schema?.properties?.path) {
    // n8n gives webhook nodes a webhookId, and that id as a path nobody else uses
    node.webhookId = newId();
    node.parameters = { path: node.webhookId };
  }
  return { workflow: { ...wf, nodes: [...wf.nodes, node] }, name };
}

export function updateNode(wf: Workflow, name: string, patch: Partial<WorkflowNode>): Workflow {
  return { ...wf, nodes: wf.nodes.map((n) => (n.name === name ? { ...n, ...patch } : n)) };
}

/** Renames a node; connections (keyed by name) and `$('Name')` references follow. */
export function renameNode(wf: Workflow, oldName: string, wanted: string): { workflow: Workflow; name: string } {
  const trimmed = wanted.trim();
  if (!trimmed || trimmed === oldName) return { workflow: wf, name: oldName };
  const name = uniqueName(
    trimmed,
    wf.nodes.map((n) => n.name),
    oldName,
  );
  const nodes = wf.nodes.map((n) => {
    const parameters = replaceReferences(n.parameters, oldName, name) as JsonObject;
    return n.name === oldName ? { ...n, name, parameters } : { ...n, parameters };
  });
  const connections: Connections = {};
  for (const [source, byType] of Object.entries(wf.connections)) {
    const key = source === oldName ? name : source;
    connections[key] = mapTargets(byType, (c) => (c.node === oldName ? { ...c, node: name } : c));
  }
  return { workflow: { ...wf, nodes, connections }, name };
}

function replaceReferences(value: Json, oldName: string, name: string): Json {
  if (typeof value === 'string') {
    if (!value.startsWith('=')) return value;
    const esc = oldName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return value
      .replace(new RegExp(`\\$\\((['"])${esc}\\1\\)`, 'g'), (_m, q: string) => `$(${q}${name}${q})`)
      .replace(new RegExp(`\\$node\\[(['"])${esc}\\1\\]`, 'g'), (_m, q: string) => `$node[${q}${name}${q}]`);
  }
  if (Array.isArray(value)) return value.map((v) => replaceReferences(v, oldName, name));
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = replaceReferences(v, oldName, name);
    return out;
  }
  return value;
}

function mapTargets(
  byType: Record<string, Array<Connection[] | null>>,
  fn: (c: Connection) => Connection | null,
): Record<string, Array<Connection[] | null>> {
  const out: Record<string, Array<Connection[] | null>> = {};
  for (const [type, outputs] of Object.entries(byType)) {
    out[type] = outputs.map((list) => (list ? list.map(fn).filter((c): c is Connection => c !== null) : list));
  }
  return out;
}

export function deleteNodes(wf: Workflow, names: string[]): Workflow {
  const gone = new Set(names);
  const connections: Connections = {};
  for (const [source, byType] of Object.entries(wf.connections)) {
    if (gone.has(source)) continue;
    connections[source] = mapTargets(byType, (c) => (gone.has(c.node) ? null : c));
  }
  return { ...wf, nodes: wf.nodes.filter((n) => !gone.has(n.name)), connections: tidy(connections) };
}

export function duplicateNodes(wf: Workflow, names: string[]): { workflow: Workflow; names: string[] } {
  const taken = wf.nodes.map((n) => n.name);
  const renamed = new Map<string, string>();
  const copies: WorkflowNode[] = [];
  for (const n of wf.nodes.filter((x) => names.includes(x.name))) {
    const name = uniqueName(n.name, [...taken, ...renamed.values()]);
    renamed.set(n.name, name);
    const copy = JSON.parse(JSON.stringify(n)) as WorkflowNode;
    copies.push({
      ...copy,
      id: newId(),
      name,
      position: [n.position[0] + 40, n.position[1] + 60],
      ...(n.webhookId ? { webhookId: newId() } : {}),
    });
  }
  const connections: Connections = { ...wf.connections };
  for (const [source, copyName] of renamed) {
    const byType = wf.connections[source];
    if (!byType) continue;
    const inner = mapTargets(byType, (c) => (renamed.has(c.node) ? { ...c, node: renamed.get(c.node)! } : null));
    connections[copyName] = inner;
  }
  return {
    workflow: { ...wf, nodes: [...wf.nodes, ...copies], connections: tidy(connections) },
    names: [...renamed.values()],
  };
}

export function connect(wf: Workflow, source: string, output: number, target: string, input: number): Workflow {
  if (source === target) return wf;
  const byType = { ...(wf.connections[source] ?? {}) };
  const main = [...(byType.main ?? [])];
  while (main.length <= output) main.push([]);
  const list = [...(main[output] ?? [])];
  if (list.some((c) => c.node === target && c.index === input)) return wf;
  list.push({ node: target, type: 'main', index: input });
  main[output] = list;
  byType.main = main;
  return { ...wf, connections: { ...wf.connections, [source]: byType } };
}

export function disconnect(wf: Workflow, source: string, output: number, target: string, input: number): Workflow {
  const byType = wf.connections[source];
  if (!byType?.main?.[output]) return wf;
  const main = byType.main.map((list, i) =>
    i === output && list ? list.filter((c) => !(c.node === target && c.index === input)) : list,
  );
  return { ...wf, connections: tidy({ ...wf.connections, [source]: { ...byType, main } }) };
}

/** Drops sources without any connection (trailing empty outputs stay, as n8n keeps them). */
function tidy(connections: Connections): Connections {
  const out: Connections = {};
  for (const [source, byType] of Object.entries(connections)) {
    const any = Object.values(byType).some((outputs) => outputs.some((l) => l && l.length));
    if (any) out[source] = byType;
  }
  return out;
}

export interface Edge {
  id: string;
  source: string;
  output: number;
  target: string;
  input: number;
}

export function edgesOf(wf: Workflow): Edge[] {
  const edges: Edge[] = [];
  for (const [source, byType] of Object.entries(wf.connections)) {
    (byType.main ?? []).forEach((list, output) => {
      (list ?? []).forEach((c) => {
        edges.push({ id: `${source}:${output}->${c.node}:${c.index}`, source, output, target: c.node, input: c.index });
      });
    });
  }
  return edges;
}

/** The node and every node it gets data from, directly or through others (its ancestors). */
export function upstreamOf(wf: Workflow, name: string): Set<string> {
  const parents = new Map<string, string[]>();
  for (const e of edgesOf(wf)) parents.set(e.target, [...(parents.get(e.target) ?? []), e.source]);
  const seen = new Set<string>([name]);
  const todo = [name];
  while (todo.length) {
    for (const p of parents.get(todo.pop()!) ?? []) {
      if (!seen.has(p)) {
        seen.add(p);
        todo.push(p);
      }
    }
  }
  return seen;
}

/**
 * Input handle labels: one per declared input ("" = the single main input), or as many as the node's
 * count parameter says for dynamic inputs (Merge's "Number of Inputs": "Input 1", "Input 2", "Input 3").
 */
export function inputsOf(type: NodeType | undefined, node?: WorkflowNode): string[] {
  if (!type) return [''];
  const declared = type.inputs ?? (isTriggerType(type) ? [] : ['']);
  const dyn = type.schema?.['x-node']?.dynamicInputs;
  const count = dyn && node ? Number(node.parameters[dyn.countParameter]) : NaN;
  if (!dyn || !Number.isInteger(count) || count <= declared.length) return declared;
  return Array.from({ length: count }, (_, i) => declared[i] ?? `${dyn.labelPrefix} ${i + 1}`);
}

/**
 * Output handle labels: the declared outputs, or for dynamic outputs (Switch) one per entry of
 * the group at `groupPath` labelled by `labelField`, plus the extra output; and "error" when the
 * node's onError is continueErrorOutput.
 */
export function outputsOf(node: WorkflowNode, type: NodeType | undefined): string[] {
  let outputs = type?.outputs ?? [''];
  const dyn = type?.schema?.['x-node']?.dynamicOutputs;
  if (dyn) {
    // an empty groupPath keeps the declared outputs and adds only the extra one (Respond to Webhook)
    if (dyn.groupPath) {
      const entries = getPath(node.parameters, dyn.groupPath);
      const list = Array.isArray(entries) ? entries : [];
      outputs = list.map((e, i) => {
        const label = isObject(e) ? e[dyn.labelField] : undefined;
        return typeof label === 'string' && label && !label.startsWith('=') ? label : String(i);
      });
    }
    if (dyn.extraWhenParameter) {
      const v = getPath(node.parameters, dyn.extraWhenParameter);
      if (v !== undefined && String(v) === String(dyn.extraWhenValue))
        outputs = [...outputs, dyn.extraOutputName ?? 'Fallback'];
    }
  }
  if (node.onError === 'continueErrorOutput') outputs = [...outputs, 'error'];
  return outputs;
}

/** The draft as the API stores it (without what the server computes, such as `issues`). */
export function toWire(wf: Workflow): Workflow {
  const { issues: _computed, ...rest } = wf;
  return JSON.parse(JSON.stringify(rest)) as Workflow;
}
