import type { JsonObject } from '../api/types';

export const NOT_AVAILABLE = '[not available until the node runs]';
export const RUNTIME_ONLY = '[evaluated when the node runs]';

export type Preview = { ok: true; text: string } | { ok: false; text: string };

const SEGMENT = /\{\{([\s\S]*?)\}\}/g;
const JSON_PATH = /^\$json((?:\.[A-Za-z_$][\w$]*|\[(?:\d+|"[^"]*"|'[^']*')\])*)$/;

/**
 * Previews an n8n expression ("={{ $json.a.b }} text") against the node's input item, in the editor:
 * only `$json` paths are evaluated here; everything else resolves on the server at run time.
 */
export function previewExpression(value: string, item: JsonObject | undefined): Preview {
  const body = value.startsWith('=') ? value.substring(1) : value;
  const segments = [...body.matchAll(SEGMENT)];
  if (segments.length === 0) {
    return { ok: true, text: body };
  }
  const resolved: unknown[] = [];
  for (const m of segments) {
    const r = resolveJsonPath(m[1].trim(), item);
    if (r.kind === 'unsupported') return { ok: false, text: item ? RUNTIME_ONLY : NOT_AVAILABLE };
    if (r.kind === 'noData') return { ok: false, text: NOT_AVAILABLE };
    resolved.push(r.value);
  }
  if (segments.length === 1 && segments[0][0] === body.trim()) {
    return { ok: true, text: show(resolved[0]) };
  }
  let i = 0;
  return { ok: true, text: body.replace(SEGMENT, () => show(resolved[i++])) };
}

type Resolution = { kind: 'value'; value: unknown } | { kind: 'unsupported' } | { kind: 'noData' };

function resolveJsonPath(code: string, item: JsonObject | undefined): Resolution {
  const m = JSON_PATH.exec(code);
  if (!m) return { kind: 'unsupported' };
  if (!item) return { kind: 'noData' };
  let current: unknown = item;
  const re = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\["([^"]*)"\]|\['([^']*)'\]/g;
  let p: RegExpExecArray | null;
  while ((p = re.exec(m[1])) !== null) {
    const key = p[1] ?? (p[2] !== undefined ? Number(p[2]) : (p[3] ?? p[4]));
    if (current === null || current === undefined || typeof current !== 'object') {
      current = undefined;
      break;
    }
    current = (current as Record<string | number, unknown>)[key];
  }
  return { kind: 'value', value: current };
}

function show(v: unknown): string {
  if (v === undefined) return '[undefined]';
  if (v === null) return '[null]';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * The node subtitle ("={{$parameter["operation"] + ": " + $parameter["resource"]}}"): string
 * literals and $parameter lookups joined by "+"; anything else gives no subtitle.
 */
export function evaluateSubtitle(subtitle: string | undefined, param: (name: string) => unknown): string {
  if (!subtitle) return '';
  if (!subtitle.startsWith('=')) return subtitle;
  try {
    return subtitle.substring(1).replace(SEGMENT, (_, code: string) => {
      const terms = splitPlus(code);
      return terms.map((t) => term(t.trim(), param)).join('');
    });
  } catch {
    return '';
  }
}

function splitPlus(code: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (const ch of code) {
    if (quote) {
      if (ch === quote) quote = null;
      cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      cur += ch;
    } else if (ch === '+') {
      out.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  out.push(cur);
  return out;
}

function term(t: string, param: (name: string) => unknown): string {
  let m = /^"([^"]*)"$/.exec(t) ?? /^'([^']*)'$/.exec(t);
  if (m) return m[1];
  m = /^\$parameter\[["']([^"']+)["']\]$/.exec(t) ?? /^\$parameter\.([A-Za-z_$][\w$]*)$/.exec(t);
  if (m) {
    const v = param(m[1]);
    if (v === undefined || v === null) return '';
    return typeof v === 'object' ? ('value' in v ? String(v.value) : '') : String(v);
  }
  throw new Error('unsupported subtitle');
}
