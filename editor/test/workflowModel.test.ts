import { describe, expect, it } from 'vitest';
import type { NodeType, Workflow } from '../src/api/types';
import { groupNodeTypes } from '../src/canvas/Palette';
import { issuesByNode } from '../src/pages/editor/serverIssues';
import { credentialRequirements, nodeIssues } from '../src/workflow/issues';
import {
  addNode,
  connect,
  deleteNodes,
  disconnect,
  duplicateNodes,
  edgesOf,
  inputsOf,
  outputsOf,
  renameNode,
  uniqueName,
  upstreamOf,
} from '../src/workflow/model';
import { homeAssistantSchema, switchSchema } from './fixtures';

function type(name: string, displayName: string, extra: Partial<NodeType> = {}): NodeType {
  return {
    name,
    displayName,
    group: 'transform',
    categories: ['Flow'],
    icon: 'fa:arrow-right',
    description: '',
    versions: [1],
    defaultVersion: 1,
    inputs: [''],
    outputs: [''],
    credentials: [],
    schema: { properties: {} },
    ...extra,
  };
}

const noop = type('hearth.noOp', 'No Operation');
const ha = type('hearth.homeAssistant', 'Home Assistant', {
  group: 'action',
  categories: ['Home Assistant'],
  defaultVersion: 2,
  versions: [1, 2],
  credentials: ['homeAssistantApi'],
  schema: homeAssistantSchema,
});
const sw = type('hearth.switch', 'Switch', { schema: switchSchema, defaultVersion: 3 });
const webhook = type('hearth.webhook', 'Webhook', {
  group: 'trigger',
  categories: ['Triggers'],
  inputs: [],
  schema: { properties: { path: { type: 'string' } } },
});

function build(): Workflow {
  let wf: Workflow = { name: 'w', nodes: [], connections: {} };
  wf = addNode(wf, webhook, [0, 0]).workflow;
  wf = addNode(wf, ha, [200, 0]).workflow;
  wf = addNode(wf, noop, [400, 0]).workflow;
  wf = connect(wf, 'Webhook', 0, 'Home Assistant', 0);
  return connect(wf, 'Home Assistant', 0, 'No Operation', 0);
}

describe('workflow model (n8n JSON)', () => {
  it('names nodes uniquely by appending a number, as n8n', () => {
    expect(uniqueName('Home Assistant', ['Home Assistant'])).toBe('Home Assistant1');
    expect(uniqueName('Home Assistant', ['Home Assistant', 'Home Assistant1'])).toBe('Home Assistant2');
    const wf = addNode(build(), ha, [0, 0]);
    expect(wf.name).toBe('Home Assistant1');
  });

  it('creates nodes with the default type version and a position array', () => {
    const node = build().nodes.find((n) => n.name === 'Home Assistant')!;
    expect(node).toMatchObject({ type: 'hearth.homeAssistant', typeVersion: 2, position: [200, 0], parameters: {} });
    expect(build().nodes[0].webhookId).toBeTruthy();
  });

  it('keys connections by node name with main arrays', () => {
    expect(build().connections).toEqual({
      Webhook: { main: [[{ node: 'Home Assistant', type: 'main', index: 0 }]] },
      'Home Assistant': { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] },
    });
  });

  it('rewrites connections and expression references when a node is renamed', () => {
    let wf = build();
    wf = {
      ...wf,
      nodes: wf.nodes.map((n) =>
        n.name === 'No Operation' ? { ...n, parameters: { x: "={{ $('Home Assistant').item.json.state }}" } } : n,
      ),
    };
    const r = renameNode(wf, 'Home Assistant', 'Kitchen');
    expect(r.name).toBe('Kitchen');
    expect(r.workflow.connections).toEqual({
      Webhook: { main: [[{ node: 'Kitchen', type: 'main', index: 0 }]] },
      Kitchen: { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] },
    });
    expect(r.workflow.nodes.find((n) => n.name === 'No Operation')!.parameters.x).toBe(
      "={{ $('Kitchen').item.json.state }}",
    );
    expect(renameNode(wf, 'Home Assistant', 'Webhook').name).toBe('Webhook1');
  });

  it('removes the connections of deleted nodes', () => {
    const wf = deleteNodes(build(), ['Home Assistant']);
    expect(wf.nodes.map((n) => n.name)).toEqual(['Webhook', 'No Operation']);
    expect(wf.connections).toEqual({});
  });

  it('duplicates nodes with new names, keeping the connections between the copies', () => {
    const r = duplicateNodes(build(), ['Home Assistant', 'No Operation']);
    expect(r.names).toEqual(['Home Assistant1', 'No Operation1']);
    expect(r.workflow.connections['Home Assistant1']).toEqual({
      main: [[{ node: 'No Operation1', type: 'main', index: 0 }]],
    });
    expect(edgesOf(r.workflow)).toHaveLength(3);
  });

  it('connects a second input and disconnects', () => {
    let wf = connect(build(), 'Webhook', 0, 'No Operation', 1);
    expect(edgesOf(wf).map((e) => e.id)).toContain('Webhook:0->No Operation:1');
    wf = disconnect(wf, 'Webhook', 0, 'No Operation', 1);
    expect(edgesOf(wf)).toHaveLength(2);
    expect(connect(wf, 'Webhook', 0, 'Webhook', 0)).toBe(wf);
  });

  it('derives Switch outputs from its rules and the fallback option', () => {
    const node = {
      name: 'Switch',
      type: 'hearth.switch',
      typeVersion: 3,
      position: [0, 0] as [number, number],
      parameters: { rules: { values: [{ outputKey: 'hot' }, { outputKey: '' }] } },
    };
    expect(outputsOf(node, sw)).toEqual(['hot', '1']);
    const withFallback = { ...node, parameters: { ...node.parameters, options: { fallbackOutput: 'extra' } } };
    const swExtra = {
      ...sw,
      schema: {
        ...switchSchema,
        'x-node': {
          ...switchSchema['x-node']!,
          dynamicOutputs: { ...switchSchema['x-node']!.dynamicOutputs!, extraWhenParameter: 'options.fallbackOutput' },
        },
      },
    };
    expect(outputsOf(withFallback, swExtra)).toEqual(['hot', '1', 'Fallback']);
  });

  it("adds Respond to Webhook's response output to its declared one when the branch is enabled", () => {
    const respond = type('hearth.respondToWebhook', 'Respond to Webhook', {
      schema: {
        properties: {},
        'x-node': {
          ...switchSchema['x-node']!,
          dynamicOutputs: {
            groupPath: '',
            labelField: '',
            extraWhenParameter: 'enableResponseOutput',
            extraWhenValue: true,
            extraOutputName: 'Response',
          },
        },
      },
    });
    const node = {
      name: 'Respond',
      type: 'hearth.respondToWebhook',
      typeVersion: 1.5,
      position: [0, 0] as [number, number],
      parameters: {},
    };
    expect(outputsOf(node, respond)).toEqual(['']);
    expect(outputsOf({ ...node, parameters: { enableResponseOutput: true } }, respond)).toEqual(['', 'Response']);
  });

  it('adds an error output when the node continues using the error output', () => {
    const node = {
      name: 'HA',
      type: 'hearth.homeAssistant',
      typeVersion: 2,
      position: [0, 0] as [number, number],
      parameters: {},
      onError: 'continueErrorOutput' as const,
    };
    expect(outputsOf(node, ha)).toEqual(['', 'error']);
    expect(inputsOf(webhook)).toEqual([]);
    expect(inputsOf(type('hearth.merge', 'Merge', { inputs: ['Input 1', 'Input 2'] }))).toEqual(['Input 1', 'Input 2']);
  });

  it('draws as many inputs as Merge\'s "Number of Inputs" says', () => {
    const merge = type('hearth.merge', 'Merge', {
      inputs: ['Input 1', 'Input 2'],
      schema: {
        properties: {},
        'x-node': { dynamicInputs: { countParameter: 'numberInputs', labelPrefix: 'Input' } },
      } as NodeType['schema'],
    });
    const node = (parameters: Record<string, unknown>) =>
      ({
        name: 'Merge',
        type: 'hearth.merge',
        typeVersion: 3.2,
        position: [0, 0] as [number, number],
        parameters,
      }) as never;
    expect(inputsOf(merge, node({ mode: 'append', numberInputs: 4 }))).toEqual([
      'Input 1',
      'Input 2',
      'Input 3',
      'Input 4',
    ]);
    expect(inputsOf(merge, node({ mode: 'append' }))).toEqual(['Input 1', 'Input 2']);
    expect(inputsOf(merge)).toEqual(['Input 1', 'Input 2']);
  });

  it('names a choice Hearth refuses as an issue of the node', () => {
    const merge = type('hearth.merge', 'Merge', {
      schema: {
        properties: {
          mode: {
            type: 'string',
            enum: ['append', 'combineBySql'],
            title: 'Mode',
            'x-ui': {
              widget: 'select',
              options: [
                { name: 'Append', value: 'append' },
                { name: 'SQL Query', value: 'combineBySql', unsupported: 'Hearth has no AlaSQL' },
              ],
            },
          },
        },
      },
    });
    const node = {
      name: 'Merge',
      type: 'hearth.merge',
      typeVersion: 3.2,
      position: [0, 0] as [number, number],
      parameters: { mode: 'combineBySql' },
    };
    expect(nodeIssues(node, merge, () => '').all).toEqual([
      'Parameter "Mode": \'SQL Query\' is not supported by Hearth: Hearth has no AlaSQL',
    ]);
  });

  it('reports missing parameters and credentials as node issues', () => {
    const node = {
      name: 'HA',
      type: 'hearth.homeAssistant',
      typeVersion: 2,
      position: [0, 0] as [number, number],
      parameters: {},
    };
    const issues = nodeIssues(node, ha, () => 'Home Assistant API');
    expect(issues.all).toEqual([
      'Parameter "Entity ID" is required',
      'Credentials for "Home Assistant API" are not set',
    ]);
    expect(credentialRequirements(node, ha)).toEqual([{ type: 'homeAssistantApi', required: true }]);
    const ok = { ...node, parameters: { entityId: 'sun.sun' }, credentials: { homeAssistantApi: { id: 'c1' } } };
    expect(nodeIssues(ok, ha, () => '').all).toEqual([]);
  });

  it("maps the server's issues to the node and parameter they name, keeping the text the user reads", () => {
    const wf = build();
    const issues = [
      { path: 'nodes[1].parameters.entityId', message: 'is required', text: 'Home Assistant → Entity is required' },
      { path: 'nodes[0].type', message: 'unknown node type', text: 'Webhook: unknown' },
    ];
    expect(issuesByNode(issues, wf)).toEqual({
      'Home Assistant': { parameters: { entityId: 'is required' }, texts: ['Home Assistant → Entity is required'] },
      [wf.nodes[0].name]: { parameters: {}, texts: ['Webhook: unknown'] },
    });
  });

  it('groups the palette as n8n (Triggers, Home Assistant, Data transformation, Flow, Core) and finds n8n names and aliases', () => {
    const set = type('hearth.set', 'Edit Fields (Set)', { categories: ['Data'] });
    const loop = type('hearth.splitInBatches', 'Loop Over Items (Split in Batches)', {
      categories: ['Flow', 'Core Nodes'],
      schema: {
        properties: {},
        'x-node': { aliases: ['n8n-nodes-base.splitInBatches'], keywords: ['Loop', 'Split In Batches'] } as never,
      },
    });
    const lists = type('hearth.itemLists', 'Item Lists', { categories: ['Data Transformation', 'Core Nodes'] });
    const http = type('hearth.httpRequest', 'HTTP Request', { categories: ['Core', 'Development'] });
    const all = [noop, ha, set, webhook, sw, loop, lists, http];
    const groups = groupNodeTypes(all, '');
    expect(groups.map((g) => g.section)).toEqual(['Triggers', 'Home Assistant', 'Data transformation', 'Flow', 'Core']);
    expect(groups[2].types.map((t) => t.displayName)).toEqual(['Edit Fields (Set)', 'Item Lists']);
    expect(groups[3].types.map((t) => t.displayName)).toEqual([
      'Loop Over Items (Split in Batches)',
      'No Operation',
      'Switch',
    ]);
    const names = (q: string) => groupNodeTypes(all, q).flatMap((g) => g.types.map((t) => t.displayName));
    expect(names('Set')).toContain('Edit Fields (Set)');
    expect(names('Item Lists')).toEqual(['Item Lists']);
    expect(names('SplitInBatches')).toEqual(['Loop Over Items (Split in Batches)']);
    expect(names('split in batches')).toEqual(['Loop Over Items (Split in Batches)']);
    expect(names('home')).toEqual(['Home Assistant']);
  });
});

describe('upstreamOf', () => {
  it('is the node and every node it gets data from', () => {
    const graph: Workflow = {
      name: 'g',
      nodes: [],
      connections: {
        A: { main: [[{ node: 'B', type: 'main', index: 0 }]] },
        B: { main: [[{ node: 'D', type: 'main', index: 0 }]] },
        C: { main: [[{ node: 'D', type: 'main', index: 1 }]] },
        D: { main: [[{ node: 'E', type: 'main', index: 0 }]] },
      },
    };
    expect([...upstreamOf(graph, 'D')].sort()).toEqual(['A', 'B', 'C', 'D']);
    expect([...upstreamOf(graph, 'A')]).toEqual(['A']);
  });
});
