/**
 * The pieces of an n8n expression template ("Hello {{ $json.name }}!") for highlighting, and what
 * to suggest at the caret. Tokenizing is lexical only: the server's expression engine is the judge
 * of what an expression means (see the preview endpoint).
 */

export type TokenKind =
  | 'text'
  | 'brace'
  | 'variable'
  | 'property'
  | 'string'
  | 'number'
  | 'keyword'
  | 'operator'
  | 'punctuation'
  | 'space'
  | 'error';

export interface Token {
  kind: TokenKind;
  text: string;
}

const KEYWORDS = new Set(['true', 'false', 'null', 'undefined', 'typeof', 'instanceof', 'new', 'in', 'of', 'return']);

/** Splits a template (without the leading "=") into text and code tokens; an unclosed "{{" is an error token. */
export function tokenize(template: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{{', i);
    if (open < 0) {
      out.push({ kind: 'text', text: template.substring(i) });
      break;
    }
    if (open > i) out.push({ kind: 'text', text: template.substring(i, open) });
    const close = findClose(template, open + 2);
    if (close < 0) {
      out.push({ kind: 'error', text: template.substring(open) });
      break;
    }
    out.push({ kind: 'brace', text: '{{' });
    out.push(...tokenizeCode(template.substring(open + 2, close)));
    out.push({ kind: 'brace', text: '}}' });
    i = close + 2;
  }
  return out;
}

/** The "}}" closing a segment opened before `from`, skipping braces inside string literals. */
function findClose(s: string, from: number): number {
  let quote: string | null = null;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
    } else if (c === '}' && s[i + 1] === '}') {
      return i;
    }
  }
  return -1;
}

function tokenizeCode(code: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let afterDot = false;
  while (i < code.length) {
    const c = code[i];
    if (/\s/.test(c)) {
      const m = /^\s+/.exec(code.substring(i))![0];
      out.push({ kind: 'space', text: m });
      i += m.length;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < code.length && code[j] !== c) j += code[j] === '\\' ? 2 : 1;
      out.push({ kind: j < code.length ? 'string' : 'error', text: code.substring(i, Math.min(j + 1, code.length)) });
      i = Math.min(j + 1, code.length);
      afterDot = false;
      continue;
    }
    const num = /^\d+(\.\d+)?/.exec(code.substring(i));
    if (num && !afterDot) {
      out.push({ kind: 'number', text: num[0] });
      i += num[0].length;
      continue;
    }
    const ident = /^[A-Za-z_$][\w$]*/.exec(code.substring(i));
    if (ident) {
      const w = ident[0];
      const kind: TokenKind = afterDot
        ? 'property'
        : w.startsWith('$')
          ? 'variable'
          : KEYWORDS.has(w)
            ? 'keyword'
            : 'property';
      out.push({ kind, text: w });
      i += w.length;
      afterDot = false;
      continue;
    }
    afterDot = c === '.';
    out.push({ kind: /[()[\]{},.;?:]/.test(c) ? 'punctuation' : 'operator', text: c });
    i++;
  }
  return out;
}

/** A syntax problem the user can see while typing, or null. */
export function syntaxError(template: string): string | null {
  const body = template.startsWith('=') ? template.substring(1) : template;
  for (const t of tokenize(body)) {
    if (t.kind === 'error') {
      return t.text.startsWith('{{') ? 'The expression is missing its closing "}}"' : `Unterminated string ${t.text}`;
    }
  }
  // brackets within each segment
  const segments = [...body.matchAll(/\{\{([\s\S]*?)\}\}/g)].map((m) => m[1]);
  for (const code of segments) {
    const problem = bracketProblem(code);
    if (problem) return problem;
  }
  return null;
}

function bracketProblem(code: string): string | null {
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  let quote: string | null = null;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') stack.push(c);
    else if (c in pairs) {
      if (stack.pop() !== pairs[c]) return `Unexpected "${c}" in the expression`;
    }
  }
  if (stack.length) return `Missing "${{ '(': ')', '[': ']', '{': '}' }[stack[stack.length - 1]]}" in the expression`;
  return null;
}

export interface Suggestion {
  /** the text inserted in place of `replace` characters before the caret */
  insert: string;
  label: string;
  detail?: string;
  /** replaces this many characters instead of the completion's `replace` (a field named "a b" becomes `['a b']`, dot included) */
  replace?: number;
}

export interface CompletionContext {
  /** the node's input item (last run or pinned data), for $json fields */
  item?: Record<string, unknown>;
  /** names of the workflow's other nodes, for $('...') */
  nodeNames: string[];
}

export interface Completion {
  /** characters before the caret the suggestion replaces */
  replace: number;
  options: Suggestion[];
}

const ROOTS: Suggestion[] = [
  { insert: '$json', label: '$json', detail: 'the current input item' },
  { insert: '$input', label: '$input', detail: 'input items: .item, .first(), .last(), .all()' },
  { insert: "$('", label: "$('Node')", detail: 'output of another node' },
  { insert: '$now', label: '$now', detail: 'the current date-time' },
  { insert: '$today', label: '$today', detail: 'today at midnight' },
  { insert: '$workflow', label: '$workflow', detail: 'id, name, active' },
  { insert: '$execution', label: '$execution', detail: 'id, mode' },
  { insert: '$vars', label: '$vars', detail: 'variables' },
  { insert: '$node', label: '$node', detail: "$node['Name'].json (older form)" },
  { insert: '$itemIndex', label: '$itemIndex', detail: 'index of the current item' },
  { insert: '$runIndex', label: '$runIndex', detail: 'how many times the node ran before' },
  { insert: '$if(', label: '$if()', detail: 'condition ? a : b' },
  { insert: '$ifEmpty(', label: '$ifEmpty()', detail: 'a value, or a default when empty' },
  { insert: '$jmespath(', label: '$jmespath()', detail: 'query JSON' },
];

/** n8n's extension functions by the type of value they apply to (names as in n8n's docs). */
const EXTENSIONS: Record<string, string[]> = {
  string: [
    'toUpperCase()',
    'toLowerCase()',
    'trim()',
    'length',
    'includes()',
    'startsWith()',
    'endsWith()',
    'replace()',
    'replaceAll()',
    'split()',
    'slice()',
    'substring()',
    'indexOf()',
    'isEmpty()',
    'isNotEmpty()',
    'toNumber()',
    'toDateTime()',
    'toTitleCase()',
    'toSentenceCase()',
    'toSnakeCase()',
    'extractEmail()',
    'extractUrl()',
    'extractDomain()',
    'isEmail()',
    'isUrl()',
    'isNumeric()',
    'hash()',
    'base64Encode()',
    'base64Decode()',
    'urlEncode()',
    'urlDecode()',
    'removeTags()',
    'quote()',
    'parseJson()',
    'toBoolean()',
  ],
  number: [
    'toFixed()',
    'round()',
    'floor()',
    'ceil()',
    'abs()',
    'isEven()',
    'isOdd()',
    'toString()',
    'format()',
    'toBoolean()',
    'toDateTime()',
  ],
  array: [
    'length',
    'first()',
    'last()',
    'join()',
    'map()',
    'filter()',
    'find()',
    'includes()',
    'sum()',
    'min()',
    'max()',
    'average()',
    'unique()',
    'compact()',
    'chunk()',
    'pluck()',
    'isEmpty()',
    'isNotEmpty()',
    'randomItem()',
    'slice()',
    'sort()',
    'reverse()',
    'toJsonString()',
    'union()',
    'intersection()',
    'difference()',
  ],
  object: [
    'keys()',
    'values()',
    'isEmpty()',
    'isNotEmpty()',
    'hasField()',
    'removeField()',
    'keepFieldsContaining()',
    'compact()',
    'toJsonString()',
    'urlEncode()',
  ],
  date: [
    'toFormat()',
    'plus()',
    'minus()',
    'startOf()',
    'endOf()',
    'toISO()',
    'toMillis()',
    'diffTo()',
    'isBetween()',
    'weekday',
    'year',
    'month',
    'day',
    'hour',
  ],
};

/** What to suggest for the text before the caret, or null when nothing fits. */
export function complete(before: string, ctx: CompletionContext): Completion | null {
  // only inside an open {{ segment
  const open = before.lastIndexOf('{{');
  if (open < 0 || before.indexOf('}}', open) >= 0) return null;
  const code = before.substring(open + 2);
  let m = /\$\(\s*(['"])([^'"]*)$/.exec(code);
  if (m) {
    const typed = m[2].toLowerCase();
    const q = m[1];
    const options = ctx.nodeNames
      .filter((n) => n.toLowerCase().includes(typed))
      .map((n) => ({ insert: `${n}${q})`, label: n, detail: 'node' }));
    return options.length ? { replace: m[2].length, options } : null;
  }
  m = /\$json((?:\.[A-Za-z_$][\w$]*|\[\d+\])*)\.([A-Za-z_$][\w$]*)?$/.exec(code);
  if (m) {
    const parent = walk(ctx.item, m[1]);
    const typed = m[2] ?? '';
    if (parent !== null && typeof parent === 'object' && !Array.isArray(parent)) {
      const options = Object.keys(parent)
        .filter((k) => k.toLowerCase().startsWith(typed.toLowerCase()))
        .map((k) => ({
          label: k,
          detail: typeName((parent as Record<string, unknown>)[k]),
          ...(/^[A-Za-z_$][\w$]*$/.test(k)
            ? { insert: k }
            : { insert: `['${k.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`, replace: typed.length + 1 }),
        }));
      const ext = extensionOptions(typeOf(parent), typed);
      return options.length + ext.length ? { replace: typed.length, options: [...options, ...ext] } : null;
    }
    const ext = extensionOptions(typeOf(parent), typed);
    return ext.length ? { replace: typed.length, options: ext } : null;
  }
  m = /(\$[\w$]*)$/.exec(code);
  if (m) {
    const typed = m[1].toLowerCase();
    const options = ROOTS.filter((r) => r.label.toLowerCase().startsWith(typed) && r.insert !== m![1]);
    return options.length ? { replace: m[1].length, options } : null;
  }
  m = /[\w$)\]'"]\.([A-Za-z_$][\w$]*)?$/.exec(code);
  if (m) {
    const typed = m[1] ?? '';
    const options = extensionOptions('any', typed);
    return options.length ? { replace: typed.length, options } : null;
  }
  return null;
}

function extensionOptions(type: string, typed: string): Suggestion[] {
  const names = type === 'any' ? [...new Set(Object.values(EXTENSIONS).flat())] : (EXTENSIONS[type] ?? []);
  return names
    .filter((n) => n.toLowerCase().startsWith(typed.toLowerCase()) && n !== typed)
    .map((n) => ({
      insert: n.endsWith('()') ? n.substring(0, n.length - 1) : n,
      label: n,
      detail: type === 'any' ? 'function' : `${type} function`,
    }));
}

function walk(item: Record<string, unknown> | undefined, path: string): unknown {
  let cur: unknown = item;
  const re = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]/g;
  let p: RegExpExecArray | null;
  while ((p = re.exec(path)) !== null) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p[1] ?? Number(p[2])];
  }
  return cur;
}

function typeOf(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null || v === undefined) return 'any';
  return typeof v === 'object' ? 'object' : typeof v;
}

function typeName(v: unknown): string {
  const t = typeOf(v);
  return t === 'any' ? (v === null ? 'null' : 'undefined') : t;
}
