import type { Json, JsonSchema, UiHints, UiOption } from '../api/types';
import type { Declared } from './displayOptions';

/** A field as the form renders it, read from one JSON Schema property and its `x-ui` hints. */
export interface FieldDef extends Declared {
  name: string;
  title: string;
  description?: string;
  default?: Json;
  holdsValue: boolean;
  widget: string;
  ui: UiHints;
  order: number;
  /** the schema of a literal value (without the `^=` expression branch) */
  valueSchema: JsonSchema;
  /** whether the property schema admits an expression in place of the value */
  acceptsExpression: boolean;
  /** collection: the optional fields */
  fields?: FieldDef[];
  /** fixed collection: the groups */
  groups?: GroupDef[];
}

export interface GroupDef {
  name: string;
  displayName: string;
  multiple: boolean;
  fields: FieldDef[];
}

const NO_EXPRESSION_WIDGETS = new Set(['collection', 'fixedCollection', 'notice']);

function isExpressionBranch(s: JsonSchema): boolean {
  return s.type === 'string' && s.pattern === '^=';
}

/** The fields of an object schema; a name declared several times (`x-ui.variants`) gives one field per variant. */
export function fieldsOf(schema: JsonSchema | undefined): FieldDef[] {
  const out: FieldDef[] = [];
  for (const [name, prop] of Object.entries(schema?.properties ?? {})) {
    if (prop['x-ui']?.variants && Array.isArray(prop.anyOf)) {
      prop.anyOf.forEach((variant) => out.push(fieldOf(name, variant)));
    } else {
      out.push(fieldOf(name, prop));
    }
  }
  return out.sort((a, b) => a.order - b.order);
}

export function fieldOf(name: string, prop: JsonSchema): FieldDef {
  const ui: UiHints = prop['x-ui'] ?? {};
  let valueSchema: JsonSchema = prop;
  let acceptsExpression = false;
  if (Array.isArray(prop.anyOf) && prop.anyOf.length === 2 && isExpressionBranch(prop.anyOf[1])) {
    valueSchema = { ...prop.anyOf[0] };
    acceptsExpression = true;
  } else if (prop.type === 'string' || Array.isArray(prop.anyOf)) {
    // text, JSON, dynamic options and locators admit any string, so also an expression
    acceptsExpression = true;
  }
  const widget = ui.widget ?? guessWidget(valueSchema);
  if (ui.noDataExpression || NO_EXPRESSION_WIDGETS.has(widget)) {
    acceptsExpression = false;
  }
  const def: FieldDef = {
    name,
    title: prop.title ?? name,
    description: prop.description,
    default: prop.default,
    holdsValue: !prop.readOnly,
    widget,
    ui,
    order: ui.order ?? 0,
    valueSchema,
    acceptsExpression,
    displayOptions: ui.displayOptions,
  };
  if (widget === 'collection') {
    def.fields = fieldsOf(valueSchema);
  }
  if (widget === 'fixedCollection') {
    const groupProps = valueSchema.properties ?? {};
    const groups =
      ui.groups ?? Object.keys(groupProps).map((g) => ({ name: g, displayName: groupProps[g].title ?? g }));
    def.groups = groups.map((g) => {
      const gs = groupProps[g.name] ?? {};
      const multiple = gs.type === 'array' || (ui.multipleValues ?? false);
      const entry = gs.type === 'array' ? gs.items : gs;
      return { name: g.name, displayName: g.displayName, multiple, fields: fieldsOf(entry) };
    });
  }
  return def;
}

function guessWidget(s: JsonSchema): string {
  switch (s.type) {
    case 'boolean':
      return 'toggle';
    case 'number':
    case 'integer':
      return 'number';
    case 'object':
      return 'collection';
    case 'array':
      return 'multiselect';
    default:
      return s.enum ? 'select' : 'text';
  }
}

/** Static choices of a select / multiselect, with labels. */
export function staticOptions(f: FieldDef): UiOption[] {
  if (f.ui.options) return f.ui.options;
  const e = f.valueSchema.enum ?? f.valueSchema.items?.enum;
  return (e ?? []).map((v) => ({ name: String(v), value: v }));
}

/** The value a newly added field starts with (its default, or an empty value of its kind). */
export function initialValue(f: FieldDef): Json {
  if (f.default !== undefined && f.default !== null) {
    return JSON.parse(JSON.stringify(f.default)) as Json;
  }
  switch (f.widget) {
    case 'toggle':
      return false;
    case 'number':
      return 0;
    case 'multiselect':
      return [];
    case 'collection':
    case 'fixedCollection':
      return {};
    case 'resourceLocator':
      return { __rl: true, mode: f.ui.modes?.[0]?.name ?? 'id', value: '' };
    default:
      return '';
  }
}
