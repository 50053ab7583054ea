import { describe, expect, it } from 'vitest';
import type { DisplayOptionsWire, Json } from '../src/api/types';
import {
  childScope,
  isVisible,
  rootScope,
  testCondition,
  visibilityDependsOnExpression,
} from '../src/form/displayOptions';
import { prune, validate, visibleFields } from '../src/form/model';
import { fieldsOf, type FieldDef } from '../src/form/schema';
import { homeAssistantSchema, switchSchema } from './fixtures';

const ha = fieldsOf(homeAssistantSchema);
const shown = (values: Record<string, Json>, version = 2) =>
  visibleFields(ha, rootScope(values, ha, version)).map((f) => f.name);

function field(name: string, displayOptions?: DisplayOptionsWire, def: Json = ''): FieldDef {
  return fieldsOf({
    properties: { [name]: { type: 'string', default: def, 'x-ui': { widget: 'text', order: 0, displayOptions } } },
  })[0];
}

describe('display options (mirror of DisplayOptions.java)', () => {
  it('shows a field only when every show key matches one of its values', () => {
    expect(shown({ resource: 'state', operation: 'get' })).toContain('entityId');
    expect(shown({ resource: 'state', operation: 'getAll' })).not.toContain('entityId');
    expect(shown({ resource: 'service' })).not.toContain('entityId');
  });

  it('reads unset parameters as the default of their visible declaration', () => {
    // resource defaults to state, whose operation variant defaults to get
    expect(shown({})).toEqual(expect.arrayContaining(['resource', 'operation', 'entityId', 'additionalFields']));
    // limit needs returnAll=false, which is its default
    expect(shown({ resource: 'state', operation: 'getAll' })).toContain('limit');
    expect(shown({ resource: 'state', operation: 'getAll', returnAll: true })).not.toContain('limit');
  });

  it('hides a field when any hide key matches', () => {
    expect(shown({ resource: 'state' })).toContain('simplify');
    expect(shown({ resource: 'template' })).not.toContain('simplify');
    expect(shown({ resource: 'event' })).not.toContain('simplify');
  });

  it('compares @version with _cnd conditions', () => {
    expect(shown({}, 1)).toContain('versionNotice');
    expect(shown({}, 1)).not.toContain('responseFormat');
    expect(shown({}, 2)).not.toContain('versionNotice');
    expect(shown({}, 2)).toContain('responseFormat');
  });

  it('picks the variant of a repeated parameter whose display options match', () => {
    const state = visibleFields(ha, rootScope({ resource: 'state' }, ha, 2)).find((f) => f.name === 'operation')!;
    const service = visibleFields(ha, rootScope({ resource: 'service' }, ha, 2)).find((f) => f.name === 'operation')!;
    expect(state.ui.options!.map((o) => o.value)).toEqual(['get', 'getAll', 'upsert']);
    expect(service.ui.options!.map((o) => o.value)).toEqual(['call', 'getAll']);
    expect(service.default).toBe('call');
    // the service variant's default operation (call) shows the call fields
    expect(shown({ resource: 'service' })).toEqual(
      expect.arrayContaining(['domain', 'service', 'target', 'serviceData']),
    );
  });

  it('keeps a field shown when the controlling value is an expression, but does not require it', () => {
    const values = { resource: '={{ $json.resource }}', operation: 'get' };
    expect(shown(values)).toContain('entityId');
    const entityId = ha.find((f) => f.name === 'entityId')!;
    expect(visibilityDependsOnExpression(entityId, rootScope(values, ha, 2))).toBe(true);
    expect(validate(ha, values, { expressions: true, version: 2 })).not.toHaveProperty('entityId');
    expect(validate(ha, { resource: 'state', operation: 'get' }, { expressions: true, version: 2 })).toHaveProperty(
      'entityId',
      'is required',
    );
  });

  it('reads /name keys from the top level inside a collection', () => {
    const additional = ha.find((f) => f.name === 'additionalFields')!;
    const root = rootScope({ resource: 'state' }, ha, 2);
    const attributeNames = additional.fields!.find((f) => f.name === 'attributeNames')!;
    expect(isVisible(attributeNames, childScope(root, { includeAttributes: true }, additional.fields!))).toBe(true);
    expect(isVisible(attributeNames, childScope(root, { includeAttributes: false }, additional.fields!))).toBe(false);
    const other = rootScope({ resource: 'service' }, ha, 2);
    expect(isVisible(attributeNames, childScope(other, { includeAttributes: true }, additional.fields!))).toBe(false);
  });

  it('reads /name keys from inside a fixed collection entry', () => {
    const sw = fieldsOf(switchSchema);
    const options = sw.find((f) => f.name === 'options')!;
    const settings = options.groups!.find((g) => g.name === 'settings')!;
    const renameFallback = settings.fields.find((f) => f.name === 'renameFallback')!;
    expect(
      isVisible(renameFallback, childScope(rootScope({ fallbackOutput: 'extra' }, sw, 3), {}, settings.fields)),
    ).toBe(true);
    expect(isVisible(renameFallback, childScope(rootScope({}, sw, 3), {}, settings.fields))).toBe(false);
  });

  it('matches a multi-options value when the list includes the expected value', () => {
    const f = field('x', { show: { domains: ['light'] } });
    const fields = [f, field('domains')];
    expect(isVisible(f, rootScope({ domains: ['switch', 'light'] }, fields))).toBe(true);
    expect(isVisible(f, rootScope({ domains: ['switch'] }, fields))).toBe(false);
    expect(isVisible(f, rootScope({ domains: [] }, fields))).toBe(false);
  });

  it('matches booleans against their string form and numbers numerically', () => {
    const f = field('x', { show: { flag: ['true'], n: [2] } });
    const fields = [f, field('flag'), field('n')];
    expect(isVisible(f, rootScope({ flag: true, n: 2.0 }, fields))).toBe(true);
    expect(isVisible(f, rootScope({ flag: false, n: 2 }, fields))).toBe(false);
  });

  it('evaluates every _cnd operator like Condition.java', () => {
    expect(testCondition('eq', 1, 1)).toBe(true);
    expect(testCondition('not', 'a', 'b')).toBe(true);
    expect(testCondition('gt', 1, 2)).toBe(true);
    expect(testCondition('gte', 2, 2)).toBe(true);
    expect(testCondition('lt', 2, 1)).toBe(true);
    expect(testCondition('lte', 2, 3)).toBe(false);
    expect(testCondition('gt', 1, '2')).toBe(false);
    expect(testCondition('startsWith', 'light.', 'light.kitchen')).toBe(true);
    expect(testCondition('endsWith', '_on', 'turn_on')).toBe(true);
    expect(testCondition('includes', 'chen', 'light.kitchen')).toBe(true);
    expect(testCondition('regex', '^sensor\\.', 'sensor.temp')).toBe(true);
    expect(testCondition('exists', true, '')).toBe(false);
    expect(testCondition('exists', true, 'x')).toBe(true);
    expect(testCondition('exists', true, null)).toBe(false);
  });

  it('drops values of fields that are no longer shown after an edit', () => {
    const pruned = prune(ha, { resource: 'service', operation: 'get', entityId: 'sun.sun', custom: 1 }, 2);
    expect(pruned).toEqual({ resource: 'service', custom: 1 });
  });

  it('reports server-like messages for out-of-range numbers and invalid JSON', () => {
    const issues = validate(
      ha,
      { resource: 'state', operation: 'getAll', limit: 500 },
      { expressions: true, version: 2 },
    );
    expect(issues.limit).toBe('must be at most 100');
    const json = validate(
      ha,
      { resource: 'service', operation: 'call', domain: 'light', service: 'turn_on', serviceData: '{oops' },
      { expressions: true, version: 2 },
    );
    expect(json.serviceData).toMatch(/^is not valid JSON/);
    expect(
      validate(ha, { resource: 'state', operation: 'getAll', limit: '={{ 5 }}' }, { expressions: true, version: 2 }),
    ).toEqual({});
  });
});
