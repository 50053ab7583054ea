import type { JsonObject } from '../api/types';
import { childScope, isVisible, rootScope, type Scope, visibilityDependsOnExpression } from './displayOptions';
import { syntaxError } from './expressionSyntax';
import { type FieldDef, staticOptions } from './schema';
import { clone, deepEqual, isEmptyValue, isExpression, isLocator, isObject, joinPath } from './values';

/** The fields shown at one level: for each name, the first declaration whose display options match. */
export function visibleFields(fields: FieldDef[], scope: Scope): FieldDef[] {
  const seen = new Set<string>();
  const out: FieldDef[] = [];
  for (const f of fields) {
    if (seen.has(f.name)) continue;
    if (isVisible(f, scope)) {
      seen.add(f.name);
      out.push(f);
    }
  }
  return out;
}

/** Messages by value path ("entityId", "rules.values[0].value"), worded like the server's ("is required"). */
export type Issues = Record<string, string>;

export interface ValidateOptions {
  /** node parameters admit expressions; credential values are literal */
  expressions: boolean;
  version?: number;
  /** credential update: a stored secret may be left out */
  mayBeOmitted?: (f: FieldDef) => boolean;
}

export function validate(fields: FieldDef[], values: JsonObject | undefined, opts: ValidateOptions): Issues {
  const issues: Issues = {};
  checkLevel(rootScope(values, fields, opts.version), fields, '', false, opts, issues);
  return issues;
}

function checkLevel(
  scope: Scope,
  fields: FieldDef[],
  path: string,
  optionalFields: boolean,
  opts: ValidateOptions,
  issues: Issues,
) {
  for (const f of visibleFields(fields, scope)) {
    if (!f.holdsValue) continue;
    const at = joinPath(path, f.name);
    const set = scope.values[f.name];
    if ((set === undefined || set === null) && (optionalFields || opts.mayBeOmitted?.(f))) continue;
    const value = set !== undefined && set !== null ? set : f.default;
    if (isEmptyValue(value)) {
      if (f.ui.required && !visibilityDependsOnExpression(f, scope)) {
        issues[at] = 'is required';
      }
    } else if (set !== undefined && set !== null) {
      checkValue(f, set, at, scope, opts, issues);
    }
  }
}

function checkValue(f: FieldDef, value: unknown, at: string, scope: Scope, opts: ValidateOptions, issues: Issues) {
  if (opts.expressions && isExpression(value) && f.widget !== 'collection' && f.widget !== 'fixedCollection') {
    if (f.ui.noDataExpression) issues[at] = 'expressions are not allowed';
    else {
      const problem = syntaxError(value);
      if (problem) issues[at] = `has an invalid expression: ${problem}`;
    }
    return;
  }
  const s = f.valueSchema;
  switch (f.widget) {
    case 'number': {
      const n =
        typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(n)) issues[at] = 'must be a number';
      else if (s.minimum !== undefined && n < s.minimum) issues[at] = `must be at least ${s.minimum}`;
      else if (s.maximum !== undefined && n > s.maximum) issues[at] = `must be at most ${s.maximum}`;
      break;
    }
    case 'select': {
      if (!f.ui.dynamicOptions) {
        const options = staticOptions(f);
        const chosen = options.find((o) => deepEqual(o.value, value));
        if (options.length && !chosen) {
          issues[at] = `must be one of: ${options.map((o) => String(o.value)).join(', ')}`;
        } else if (chosen?.unsupported) {
          issues[at] = `'${chosen.name}' is not supported by Hearth: ${chosen.unsupported}`;
        }
      }
      break;
    }
    case 'json': {
      if (typeof value === 'string') {
        try {
          JSON.parse(value);
        } catch (e) {
          issues[at] = `is not valid JSON: ${(e as Error).message}`;
        }
      }
      break;
    }
    case 'color':
      if (typeof value !== 'string' || !/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(value)) {
        issues[at] = 'must be a color like #rgb or #rrggbb';
      }
      break;
    case 'datetime':
      if (
        typeof value !== 'string' ||
        !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?(\[[^\]]+\])?$/.test(value.trim())
      ) {
        issues[at] = 'must be an ISO-8601 date-time';
      }
      break;
    case 'resourceLocator': {
      if (isLocator(value)) {
        const mode = f.ui.modes?.find((m) => m.name === value.mode);
        const v = value.value;
        if (mode?.pattern && typeof v === 'string' && v !== '' && !isExpression(v)) {
          try {
            if (!new RegExp(`^(?:${mode.pattern})$`).test(v))
              issues[joinPath(at, 'value')] = `must match ${mode.pattern}`;
          } catch {
            /* a pattern JS cannot read is checked by the server */
          }
        }
      }
      break;
    }
    case 'collection':
      if (isObject(value) && f.fields) {
        checkLevel(childScope(scope, value, f.fields), f.fields, at, true, opts, issues);
      }
      break;
    case 'fixedCollection':
      if (isObject(value) && f.groups) {
        for (const g of f.groups) {
          const gv = value[g.name];
          if (g.multiple && Array.isArray(gv)) {
            gv.forEach((entry, i) => {
              if (isObject(entry))
                checkLevel(
                  childScope(scope, entry, g.fields),
                  g.fields,
                  `${joinPath(at, g.name)}[${i}]`,
                  false,
                  opts,
                  issues,
                );
            });
          } else if (!g.multiple && isObject(gv)) {
            checkLevel(childScope(scope, gv, g.fields), g.fields, joinPath(at, g.name), false, opts, issues);
          }
        }
      }
      break;
    default:
      break;
  }
}

/**
 * After an edit: drops the values of declared fields no other value shows any more, and static
 * choices the visible declaration does not offer (e.g. `operation` after the resource changed),
 * as n8n does. Undeclared parameters (other type versions, imports) are kept.
 */
export function prune(fields: FieldDef[], values: JsonObject, version?: number): JsonObject {
  let current = clone(values);
  for (let i = 0; i < 5; i++) {
    const next = pruneLevel(rootScope(current, fields, version), fields, current);
    if (deepEqual(next, current)) return next;
    current = next;
  }
  return current;
}

function pruneLevel(scope: Scope, fields: FieldDef[], values: JsonObject): JsonObject {
  const out: JsonObject = {};
  const visible = new Map(visibleFields(fields, scope).map((f) => [f.name, f]));
  const declared = new Set(fields.map((f) => f.name));
  for (const [key, value] of Object.entries(values)) {
    if (!declared.has(key)) {
      out[key] = value;
      continue;
    }
    const f = visible.get(key);
    if (!f) continue;
    if (f.widget === 'select' && !f.ui.dynamicOptions && !isExpression(value)) {
      const options = staticOptions(f);
      if (options.length && !options.some((o) => deepEqual(o.value, value))) continue;
    }
    if (f.widget === 'collection' && isObject(value) && f.fields) {
      out[key] = pruneLevel(childScope(scope, value, f.fields), f.fields, value);
    } else if (f.widget === 'fixedCollection' && isObject(value) && f.groups) {
      const fc: JsonObject = {};
      for (const [gk, gv] of Object.entries(value)) {
        const g = f.groups.find((x) => x.name === gk);
        if (!g) {
          fc[gk] = gv;
        } else if (Array.isArray(gv)) {
          fc[gk] = gv.map((entry) =>
            isObject(entry) ? pruneLevel(childScope(scope, entry, g.fields), g.fields, entry) : entry,
          );
        } else if (isObject(gv)) {
          fc[gk] = pruneLevel(childScope(scope, gv, g.fields), g.fields, gv);
        } else {
          fc[gk] = gv;
        }
      }
      out[key] = fc;
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** The value shown for a field: the set value, else its default. */
export function effectiveValue(f: FieldDef, values: Record<string, unknown>): unknown {
  const v = values[f.name];
  return v === undefined || v === null ? f.default : v;
}
