import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MigratedParameters, NodeType, Workflow } from '../src/api/types';
import { NodePanel } from '../src/panels/NodePanel';
import { CatalogProvider } from '../src/state/catalog';
import { fetchStub, switchSchema } from './fixtures';

const switchType = {
  name: 'hearth.switch',
  displayName: 'Switch',
  group: 'transform',
  categories: ['Flow'],
  icon: 'fa:map-signs',
  description: 'Route items to different outputs',
  versions: [1, 2, 3],
  defaultVersion: 3,
  inputs: [''],
  outputs: [''],
  credentials: [],
  schema: switchSchema,
} as unknown as NodeType;

const v2Parameters = {
  dataType: 'string',
  value1: '={{ $json.kind }}',
  rules: { rules: [{ value2: 'a', output: 0 }] },
};

function workflow(): Workflow {
  return {
    name: 'Old switch',
    nodes: [
      { name: 'Switch', type: 'n8n-nodes-base.switch', typeVersion: 2, position: [0, 0], parameters: v2Parameters },
    ],
    connections: {},
  } as unknown as Workflow;
}

function open(migrated: MigratedParameters) {
  const stub = fetchStub({
    'GET /api/v1/node-types': () => [switchType],
    'GET /api/v1/credential-types': () => [],
    'GET /api/v1/settings': () => ({}),
    'POST /api/v1/node-types/n8n-nodes-base.switch/migrate': () => migrated,
  });
  vi.stubGlobal('fetch', stub.fn);
  const onChange = vi.fn();
  render(
    <CatalogProvider>
      <NodePanel
        workflow={workflow()}
        name="Switch"
        execution={null}
        issues={undefined}
        serverIssues={{}}
        webhooks={[]}
        settings={null}
        listening={false}
        onChange={onChange}
        onRename={(_, w) => w}
        onClose={() => undefined}
        onListen={() => undefined}
        onExecute={() => undefined}
        onPin={() => undefined}
      />
    </CatalogProvider>,
  );
  return { stub, onChange };
}

describe('a node of an older type version', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the parameters as the server migrated them, read-only when that form cannot be saved under its version', async () => {
    const { stub } = open({
      typeVersion: 3,
      parameters: {
        mode: 'rules',
        rules: { values: [{ conditions: { conditions: [], combinator: 'and' }, outputKey: '0' }] },
      },
      steps: ['value1/dataType rules become one filter per rule'],
      editable: false,
      unshown: [],
    });
    const notice = await screen.findByTestId('migrated-notice');
    expect(notice.textContent).toContain('Switch version 2');
    expect(notice.textContent).toContain('version 3’s parameters (value1/dataType rules become one filter per rule)');
    expect(notice.textContent).toContain('cannot be edited here');
    expect(screen.getByTestId<HTMLFieldSetElement>('parameter-fieldset').disabled).toBe(true);
    const asked = stub.calls.find((c) => c.method === 'POST');
    expect(asked?.body).toEqual({ typeVersion: 2, parameters: v2Parameters });
  });

  it('names what the node reads that no form shows', async () => {
    open({ typeVersion: 3, parameters: {}, steps: ['a step'], editable: false, unshown: ['values', 'keepOnlySet'] });
    const notice = await screen.findByTestId('migrated-notice');
    expect(notice.textContent).toContain('The node also reads values, keepOnlySet, which this form cannot show.');
  });

  it('lets the migrated form be edited when reading it again changes nothing', async () => {
    const { onChange } = open({
      typeVersion: 3,
      parameters: { mode: 'rules', options: {} },
      steps: ['a step'],
      editable: true,
      unshown: [],
    });
    const notice = await screen.findByTestId('migrated-notice');
    expect(notice.textContent).toContain('Changes are saved in this form; the node keeps its version.');
    await waitFor(() => expect(screen.getByTestId<HTMLFieldSetElement>('parameter-fieldset').disabled).toBe(false));
    const mode = within(screen.getByTestId('field-mode')).getByRole<HTMLSelectElement>('combobox');
    const expression = [...mode.options].find((o) => o.textContent === 'Expression');
    fireEvent.change(mode, { target: { value: expression?.value } });
    expect(onChange).toHaveBeenCalled();
    const update = onChange.mock.calls[0][1] as (n: Workflow['nodes'][number]) => Workflow['nodes'][number];
    const saved = update(workflow().nodes[0]);
    expect(saved.typeVersion).toBe(2);
    expect(saved.parameters).toMatchObject({ mode: 'expression' });
    expect(saved.parameters).not.toHaveProperty('value1');
  });
});
