import type { DisplayOptionsWire, Json } from '../api/types';
import { deepEqual, isExpression, isLocator, isObject } from './values';

/**
 * Mirrors io.hearth.node.description.DisplayOptions / Condition and ui-schema's Scope exactly:
 * every `show` key must match one of its values, any matching `hide` key hides; a controlling
 * value that is an expression keeps the field shown; lists (multiOptions) match when they include
 * the value; `{_cnd: {op: operand}}` are conditions; `/name` reads the top level, `@version` the
 * node's type version; an unset parameter reads as the default of the visible declaration of that name.
 */

/** What display options need to know about a declared field. */
export interface Declared {
  name: string;
  holdsValue: boolean;
  default?: Json;
  displayOptions?: DisplayOptionsWire;
}

export interface Scope {
  values: Record<string, unknown>;
  fields: Declared[];
  parent?: Scope;
  version?: number;
}

export function rootScope(values: Record<string, unknown> | undefined, fields: Declared[], version?: number): Scope {
  return { values: values ?? {}, fields, version };
}

export function childScope(parent: Scope, values: Record<string, unknown> | undefined, fields: Declared[]): Scope {
  return { values: values ?? {}, fields, parent, version: parent.version };
}

function root(scope: Scope): Scope {
  return scope.parent ? root(scope.parent) : scope;
}

const ABSENT = Symbol('absent');
/** a value, or ABSENT (`unknown` includes the symbol; the name says what callers check for) */
type Lookup = (key: string) => unknown;

/** The value display options compare against ("@version", "/root", or a sibling). */
export function valueOf(scope: Scope, key: string, resolving: Set<string> = new Set()): unknown /* or ABSENT */ {
  if (key === '@version') {
    return scope.version === undefined ? ABSENT : scope.version;
  }
  if (key.startsWith('/')) {
    return valueOf(root(scope), key.substring(1), resolving);
  }
  const set = scope.values[key];
  if (set !== undefined && set !== null) {
    return locatorValue(set);
  }
  if (resolving.has(key)) {
    return ABSENT;
  }
  const next = new Set(resolving);
  next.add(key);
  for (const p of scope.fields) {
    if (p.name === key && p.holdsValue && evaluate(p.displayOptions, (k) => valueOf(scope, k, next))) {
      return p.default === undefined ? ABSENT : locatorValue(p.default);
    }
  }
  return ABSENT;
}

/** The value a dynamic-options "dependsOn" entry refers to, undefined when unset. */
export function dependencyValue(scope: Scope, key: string): unknown {
  const v = valueOf(scope, key);
  return v === ABSENT ? undefined : v;
}

function locatorValue(value: unknown): unknown {
  return isLocator(value) ? value.value : value;
}

export function isVisible(field: Declared, scope: Scope): boolean {
  return evaluate(field.displayOptions, (k) => valueOf(scope, k));
}

/** Whether a value the field's display options read is an expression: shown, but not required. */
export function visibilityDependsOnExpression(field: Declared, scope: Scope): boolean {
  const d = field.displayOptions;
  if (!d) return false;
  const keys = [...Object.keys(d.show ?? {}), ...Object.keys(d.hide ?? {})];
  return keys.some((k) => isExpression(valueOf(scope, k)));
}

function evaluate(options: DisplayOptionsWire | undefined, lookup: Lookup): boolean {
  if (!options) return true;
  for (const [key, expected] of Object.entries(options.show ?? {})) {
    const v = lookup(key);
    const actual = v === ABSENT ? null : v;
    if (isExpression(actual)) continue;
    if (!matchesAny(actual, expected)) return false;
  }
  for (const [key, expected] of Object.entries(options.hide ?? {})) {
    const v = lookup(key);
    const actual = v === ABSENT ? null : v;
    if (!isExpression(actual) && matchesAny(actual, expected)) return false;
  }
  return true;
}

function matchesAny(actual: unknown, expected: Json[]): boolean {
  return expected.some((candidate) => {
    const cnd = conditionOf(candidate);
    return cnd ? testCondition(cnd.op, cnd.operand, actual) : matchesLiteral(actual, candidate);
  });
}

function conditionOf(candidate: Json): { op: string; operand: Json } | null {
  if (isObject(candidate) && isObject(candidate._cnd)) {
    const entries = Object.entries(candidate._cnd);
    if (entries.length === 1) return { op: entries[0][0], operand: entries[0][1] };
  }
  return null;
}

function matchesLiteral(actual: unknown, expected: Json): boolean {
  if (Array.isArray(actual)) {
    return actual.some((v) => sameValue(v, expected));
  }
  return sameValue(actual, expected);
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (typeof a === 'boolean' && typeof b === 'string') return String(a) === b;
  if (a === null || a === undefined) return b === null || b === undefined;
  return deepEqual(a, b);
}

function compare(actual: unknown, operand: unknown): number | null {
  if (typeof actual === 'number' && typeof operand === 'number') {
    return actual === operand ? 0 : actual < operand ? -1 : 1;
  }
  return null;
}

export function testCondition(op: string, operand: Json, actual: unknown): boolean {
  const c = compare(actual, operand);
  switch (op) {
    case 'eq':
      return sameValue(actual, operand);
    case 'not':
      return !sameValue(actual, operand);
    case 'gt':
      return c !== null && c > 0;
    case 'gte':
      return c !== null && c >= 0;
    case 'lt':
      return c !== null && c < 0;
    case 'lte':
      return c !== null && c <= 0;
    case 'startsWith':
      return typeof actual === 'string' && actual.startsWith(String(operand));
    case 'endsWith':
      return typeof actual === 'string' && actual.endsWith(String(operand));
    case 'includes':
      return typeof actual === 'string' && actual.includes(String(operand));
    case 'regex':
      try {
        return actual !== null && actual !== undefined && new RegExp(String(operand)).test(String(actual));
      } catch {
        return false;
      }
    case 'exists':
      return actual !== null && actual !== undefined && actual !== '';
    default:
      return false;
  }
}

/** Display options of a credential requirement or anything else, against one flat value map. */
export function matchesDisplayOptions(options: DisplayOptionsWire | undefined, scope: Scope): boolean {
  return evaluate(options, (k) => valueOf(scope, k));
}
