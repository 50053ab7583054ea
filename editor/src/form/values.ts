import type { Json, JsonObject } from '../api/types';

/** n8n expressions: strings starting with "=". */
export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('=');
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isLocator(value: unknown): value is { __rl: true; mode: string; value: Json } {
  return isObject(value) && '__rl' in value;
}

/** Absent for the purpose of "required": null, blank text, empty list or object, empty locator (as ui-schema's Values). */
export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (isLocator(value)) return isEmptyValue(value.value);
  if (isObject(value)) return Object.keys(value).length === 0;
  return false;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]))
    );
  }
  return false;
}

export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Reads a dotted path with [n] indexes ("rules.values[0].outputKey") from an object. */
export function getPath(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const part of splitPath(path)) {
    if (current === null || current === undefined) return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

export function splitPath(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const seg of path.split('.')) {
    const re = /([^[\]]+)|\[(\d+)\]/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(seg)) !== null) {
      out.push(m[1] !== undefined ? m[1] : Number(m[2]));
    }
  }
  return out;
}

export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base ? `${base}.${key}` : key;
}
