import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { api } from '../src/api/client';
import type { JsonObject } from '../src/api/types';
import { validate } from '../src/form/model';
import { type FormEnv, ParameterForm } from '../src/form/ParameterForm';
import { fieldsOf } from '../src/form/schema';
import { prune } from '../src/form/model';
import { fetchStub, homeAssistantSchema, switchSchema } from './fixtures';

const ha = fieldsOf(homeAssistantSchema);
const sw = fieldsOf(switchSchema);

/** Renders the form like the node panel does: live values, pruning and validation. */
function renderForm(initial: JsonObject, env: Partial<FormEnv> = {}, fields = ha, version = 2) {
  const seen: JsonObject[] = [];
  function Harness() {
    const [values, setValues] = useState<JsonObject>(initial);
    const issues = validate(fields, values, { expressions: true, version });
    return (
      <ParameterForm
        fields={fields}
        values={values}
        onChange={(v) => {
          const next = prune(fields, v, version);
          seen.push(next);
          setValues(next);
        }}
        env={{ expressions: true, version, issues, ...env }}
      />
    );
  }
  const r = render(<Harness />);
  return { ...r, last: () => seen[seen.length - 1] };
}

const q = (id: string) => screen.queryByTestId(id);

describe('parameter form generated from x-ui', () => {
  it('shows only the fields of the selected resource and operation, live', () => {
    const { last } = renderForm({});
    expect(q('param-entityId')).not.toBeNull();
    expect(q('param-domain')).toBeNull();
    fireEvent.change(screen.getByTestId('param-resource'), { target: { value: '1' } }); // Service
    expect(last()).toEqual({ resource: 'service' });
    expect(q('param-entityId')).toBeNull();
    expect(q('field-domain')).not.toBeNull();
    expect(q('field-target')).not.toBeNull();
    // the service variant of "operation" offers its own options
    const op = screen.getByTestId<HTMLSelectElement>('param-operation');
    expect([...op.options].map((o) => o.text)).toEqual(['Call', 'Get Many']);
  });

  it('hides and shows fields by the node type version', () => {
    renderForm({}, {}, ha, 1);
    expect(q('param-versionNotice')).not.toBeNull();
    expect(q('param-responseFormat')).toBeNull();
  });

  it('marks required fields and tells which are missing', () => {
    renderForm({ resource: 'state', operation: 'get' });
    const label = screen.getByTestId('field-entityId');
    expect(label.querySelector('.required-mark')).not.toBeNull();
    expect(screen.getByTestId('error-entityId').textContent).toBe('Entity ID is required');
    fireEvent.change(screen.getByTestId('param-entityId'), { target: { value: 'sun.sun' } });
    expect(q('error-entityId')).toBeNull();
  });

  it('shows range violations of numbers next to the field', () => {
    const { last } = renderForm({ resource: 'state', operation: 'getAll' });
    fireEvent.change(screen.getByTestId('param-limit'), { target: { value: '500' } });
    expect(last().limit).toBe(500);
    expect(screen.getByTestId('error-limit').textContent).toBe('Limit must be at most 100');
  });

  it('shows a field again when its controlling value becomes an expression', () => {
    renderForm({ resource: 'state', operation: 'getAll' });
    expect(q('param-entityId')).toBeNull();
    fireEvent.click(screen.getByTestId('expr-toggle-returnAll'));
    // returnAll is now "=false": limit (show returnAll=[false]) stays shown, its relevance known at run time
    expect(q('param-limit')).not.toBeNull();
  });

  it('adds and removes optional fields of a collection', () => {
    const { last } = renderForm({ resource: 'state', operation: 'get', entityId: 'sun.sun' });
    const add = screen.getByTestId<HTMLSelectElement>('add-option-additionalFields');
    expect([...add.options].map((o) => o.text)).toEqual([
      'Add Field',
      'Since',
      'Include Attributes',
      'Highlight Color',
      'Decimals',
    ]);
    fireEvent.change(add, { target: { value: 'includeAttributes' } });
    expect(last().additionalFields).toEqual({ includeAttributes: false });
    fireEvent.click(screen.getByTestId('param-additionalFields.includeAttributes'));
    expect(last().additionalFields).toEqual({ includeAttributes: true });
    // attributeNames (show includeAttributes=true and /resource=state) can now be added
    const add2 = screen.getByTestId<HTMLSelectElement>('add-option-additionalFields');
    expect([...add2.options].map((o) => o.value)).toContain('attributeNames');
    fireEvent.change(add2, { target: { value: 'decimals' } });
    expect(last().additionalFields).toEqual({ includeAttributes: true, decimals: 2 });
    fireEvent.click(screen.getByTestId('remove-additionalFields.includeAttributes'));
    expect(last().additionalFields).toEqual({ decimals: 2 });
  });

  it('adds, reorders and removes fixed collection entries', () => {
    const { last } = renderForm({ resource: 'state', operation: 'upsert', entityId: 'light.x', stateValue: 'on' });
    const add = screen.getByTestId('add-entry-stateAttributes');
    expect(add.textContent).toBe('Add Attribute');
    fireEvent.click(add);
    fireEvent.click(add);
    expect(last().stateAttributes).toEqual({
      attributes: [
        { name: '', value: '' },
        { name: '', value: '' },
      ],
    });
    expect(screen.getByTestId('error-stateAttributes.attributes[0].name').textContent).toBe('Name is required');
    fireEvent.change(screen.getByTestId('param-stateAttributes.attributes[0].name'), { target: { value: 'a' } });
    fireEvent.change(screen.getByTestId('param-stateAttributes.attributes[1].name'), { target: { value: 'b' } });
    fireEvent.click(screen.getByTestId('move-down-stateAttributes.attributes[0]'));
    expect((last().stateAttributes as JsonObject).attributes).toEqual([
      { name: 'b', value: '' },
      { name: 'a', value: '' },
    ]);
    fireEvent.click(screen.getByTestId('remove-entry-stateAttributes.attributes[0]'));
    expect((last().stateAttributes as JsonObject).attributes).toEqual([{ name: 'a', value: '' }]);
  });

  it('adds a single-value fixed collection group whose field reads a root parameter', () => {
    const { last } = renderForm({ fallbackOutput: 'extra' }, {}, sw, 3);
    fireEvent.click(screen.getByTestId('add-entry-options'));
    expect(last().options).toEqual({ settings: { ignoreCase: false, renameFallback: '' } });
    expect(q('param-options.settings.renameFallback')).not.toBeNull();
    expect(screen.getByTestId('error-options.settings.renameFallback').textContent).toBe('Fallback Name is required');
    expect(q('add-entry-options')).toBeNull();
  });

  it('turns a value into an expression with the toggle and previews $json paths from the input item', () => {
    const { last } = renderForm(
      { resource: 'state', operation: 'get', entityId: 'sun.sun' },
      { previewItem: { entity: { id: 'light.kitchen' } } },
    );
    fireEvent.click(screen.getByTestId('expr-toggle-entityId'));
    expect(last().entityId).toBe('=sun.sun');
    fireEvent.change(screen.getByTestId('param-entityId'), { target: { value: '{{ $json.entity.id }}' } });
    expect(last().entityId).toBe('={{ $json.entity.id }}');
    expect(screen.getByTestId('expr-preview-entityId').textContent).toContain('light.kitchen');
    fireEvent.click(screen.getByTestId('fixed-toggle-entityId'));
    expect(last().entityId).toBeUndefined();
  });

  it('switches to expression mode when {{ is typed', () => {
    const { last } = renderForm({ resource: 'state', operation: 'get' });
    fireEvent.change(screen.getByTestId('param-entityId'), { target: { value: '{{' } });
    expect(last().entityId).toBe('={{  }}');
    expect(screen.getByTestId('param-entityId').tagName).toBe('TEXTAREA');
    expect(screen.getByTestId('expr-preview-entityId').textContent).toContain('[not available until the node runs]');
  });

  it('offers no expression toggle where expressions are not allowed', () => {
    renderForm({});
    expect(q('expr-toggle-resource')).toBeNull(); // noDataExpression
    expect(q('expr-toggle-additionalFields')).toBeNull(); // collection
    expect(q('expr-toggle-simplify')).not.toBeNull();
  });

  it('flags invalid JSON in the JSON editor', () => {
    renderForm({ resource: 'service', operation: 'call' });
    fireEvent.change(screen.getByTestId('param-serviceData'), { target: { value: '{"brightness": ' } });
    expect(screen.getByTestId('error-serviceData').textContent).toMatch(/^Service Data is not valid JSON/);
    fireEvent.change(screen.getByTestId('param-serviceData'), { target: { value: '{"brightness": 10}' } });
    expect(q('error-serviceData')).toBeNull();
  });

  it('validates colors and date-times', () => {
    renderForm({
      resource: 'state',
      operation: 'get',
      additionalFields: { highlightColor: 'red', since: 'yesterday' },
    });
    expect(screen.getByTestId('error-additionalFields.highlightColor').textContent).toBe(
      'Highlight Color must be a color like #rgb or #rrggbb',
    );
    expect(screen.getByTestId('error-additionalFields.since').textContent).toBe('Since must be an ISO-8601 date-time');
  });

  it('shows server errors next to the field whose path they name', () => {
    renderForm(
      { resource: 'state', operation: 'get', entityId: 'sun.sun' },
      { issues: { entityId: 'entity not found' } },
    );
    expect(screen.getByTestId('error-entityId').textContent).toBe('Entity ID entity not found');
  });
});

describe('dynamic dropdowns', () => {
  const loadOptionsFor = (credentialId: string) => (method: string, parameters: JsonObject) =>
    api.loadOptions('hearth.homeAssistant', {
      method,
      parameters,
      credentials: { homeAssistantApi: { id: credentialId } },
    });

  it('loads choices from the server with the current parameters and the selected credential', async () => {
    const stub = fetchStub({
      'POST /api/v1/node-types/hearth.homeAssistant/load-options': (body) => {
        const b = body as { method: string };
        return b.method === 'getDomains'
          ? [
              { name: 'Light', value: 'light' },
              { name: 'Switch', value: 'switch' },
            ]
          : [{ name: 'Turn On', value: 'turn_on', description: 'Turns it on' }];
      },
    });
    vi.stubGlobal('fetch', stub.fn);
    const { last } = renderForm(
      { resource: 'service', operation: 'call' },
      { loadOptions: loadOptionsFor('c1'), optionsKey: 'c1' },
    );
    await waitFor(() =>
      expect(stub.calls.filter((c) => c.body && (c.body as JsonObject).method === 'getDomains')).toHaveLength(1),
    );
    const first = stub.calls.find((c) => (c.body as JsonObject).method === 'getDomains')!;
    expect(first.body).toEqual({
      method: 'getDomains',
      parameters: { resource: 'service', operation: 'call' },
      credentials: { homeAssistantApi: { id: 'c1' } },
    });
    fireEvent.focus(screen.getByTestId('param-domain'));
    await waitFor(() => expect(q('option-light')).not.toBeNull());
    fireEvent.mouseDown(screen.getByTestId('option-light'));
    expect(last().domain).toBe('light');
    expect(screen.getByTestId<HTMLInputElement>('param-domain').value).toBe('Light');
  });

  it('loads again when a dependsOn parameter changes', async () => {
    const stub = fetchStub({
      'POST /api/v1/node-types/hearth.homeAssistant/load-options': (body) => {
        const p = (body as { parameters: JsonObject }).parameters;
        return p.domain === 'light' ? [{ name: 'Turn On', value: 'turn_on' }] : [];
      },
    });
    vi.stubGlobal('fetch', stub.fn);
    renderForm({ resource: 'service', operation: 'call' }, { loadOptions: loadOptionsFor('c1'), optionsKey: 'c1' });
    const serviceCalls = () => stub.calls.filter((c) => (c.body as JsonObject).method === 'getServices');
    await waitFor(() => expect(serviceCalls()).toHaveLength(1));
    fireEvent.focus(screen.getByTestId('param-domain'));
    fireEvent.change(screen.getByTestId('param-domain'), { target: { value: 'light' } });
    fireEvent.blur(screen.getByTestId('param-domain'));
    await waitFor(() => expect(serviceCalls()).toHaveLength(2));
    expect((serviceCalls()[1].body as { parameters: JsonObject }).parameters.domain).toBe('light');
    fireEvent.focus(screen.getByTestId('param-service'));
    await waitFor(() => expect(q('option-turn_on')).not.toBeNull());
  });

  it('reloads the choices for another credential', async () => {
    const stub = fetchStub({ 'POST /api/v1/node-types/hearth.homeAssistant/load-options': () => [] });
    vi.stubGlobal('fetch', stub.fn);
    const fields = ha;
    function Switcher() {
      const [cred, setCred] = useState('c1');
      return (
        <>
          <button type="button" data-testid="other" onClick={() => setCred('c2')}>
            other
          </button>
          <ParameterForm
            fields={fields}
            values={{ resource: 'service', operation: 'call' }}
            onChange={() => undefined}
            env={{ expressions: true, version: 2, loadOptions: loadOptionsFor(cred), optionsKey: cred }}
          />
        </>
      );
    }
    render(<Switcher />);
    const domainCalls = () => stub.calls.filter((c) => (c.body as JsonObject).method === 'getDomains');
    await waitFor(() => expect(domainCalls()).toHaveLength(1));
    fireEvent.click(screen.getByTestId('other'));
    await waitFor(() => expect(domainCalls()).toHaveLength(2));
    expect((domainCalls()[1].body as { credentials: JsonObject }).credentials).toEqual({
      homeAssistantApi: { id: 'c2' },
    });
  });

  it('lets the user type a value when the choices cannot be loaded', async () => {
    const stub = fetchStub({
      'POST /api/v1/node-types/hearth.homeAssistant/load-options': () => {
        throw { status: 400, detail: 'Home Assistant rejected the token' };
      },
    });
    vi.stubGlobal('fetch', stub.fn);
    const { last } = renderForm(
      { resource: 'service', operation: 'call' },
      { loadOptions: loadOptionsFor('c1'), optionsKey: 'c1' },
    );
    await waitFor(() => expect(q('param-domain-load-error')).not.toBeNull());
    expect(screen.getByTestId('param-domain-load-error').textContent).toContain('Home Assistant rejected the token');
    const input = screen.getByTestId('param-domain');
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: 'climate' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(last().domain).toBe('climate');
  });

  it('fills a resource locator from its list mode or by ID', async () => {
    const stub = fetchStub({
      'POST /api/v1/node-types/hearth.homeAssistant/load-options': () => [{ name: 'Kitchen', value: 'light.kitchen' }],
    });
    vi.stubGlobal('fetch', stub.fn);
    const { last } = renderForm(
      { resource: 'service', operation: 'call', domain: 'light', service: 'turn_on' },
      { loadOptions: loadOptionsFor('c1'), optionsKey: 'c1' },
    );
    await act(() => Promise.resolve());
    fireEvent.focus(screen.getByTestId('param-target'));
    await waitFor(() => expect(q('option-light.kitchen')).not.toBeNull());
    fireEvent.mouseDown(screen.getByTestId('option-light.kitchen'));
    expect(last().target).toEqual({ __rl: true, mode: 'list', value: 'light.kitchen' });
    fireEvent.change(screen.getByTestId('param-target-mode'), { target: { value: 'id' } });
    fireEvent.change(screen.getByTestId('param-target'), { target: { value: 'Not An Id' } });
    expect(last().target).toEqual({ __rl: true, mode: 'id', value: 'Not An Id' });
    expect(screen.getByTestId('error-target').textContent).toMatch(/must match/);
  });
});
