/**
 * "Import cURL" for the HTTP Request node: reads a pasted curl command line (as browsers' "Copy as cURL"
 * and API docs write them) into the node's version 4 parameters. Options curl has but the node does
 * not (e.g. --compressed) are skipped; anything that cannot be read is reported by name.
 */

export type JsonObject = Record<string, unknown>;

export interface CurlImport {
  parameters: JsonObject;
  /** curl options that were ignored, for a notice */
  ignored: string[];
}

/** Splits a shell command line into words: quotes, escapes and line continuations as a POSIX shell does. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const text = line.replace(/\\\r?\n/g, ' ');
  while (i < text.length) {
    const c = text[i];
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new Error('unclosed single quote');
      word += text.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1])) i++;
        word += text[i++];
      }
      if (i >= text.length) throw new Error('unclosed double quote');
      inWord = true;
      i++;
    } else if (c === '$' && text[i + 1] === "'") {
      // $'...' with C escapes (Chrome's "Copy as cURL (bash)")
      i += 2;
      while (i < text.length && text[i] !== "'") {
        if (text[i] === '\\' && i + 1 < text.length) {
          const n = text[i + 1];
          word += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n;
          i += 2;
        } else word += text[i++];
      }
      inWord = true;
      i++;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[i + 1];
      inWord = true;
      i += 2;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}

const WITH_VALUE = new Set([
  '-X',
  '--request',
  '-H',
  '--header',
  '-d',
  '--data',
  '--data-raw',
  '--data-binary',
  '--data-ascii',
  '--data-urlencode',
  '--json',
  '-F',
  '--form',
  '--form-string',
  '-u',
  '--user',
  '--url',
  '-A',
  '--user-agent',
  '-b',
  '--cookie',
  '-e',
  '--referer',
  '-x',
  '--proxy',
  '-m',
  '--max-time',
  '--connect-timeout',
  '--max-redirs',
  '-o',
  '--output',
  '-w',
  '--write-out',
]);

/** The HTTP Request parameters (typeVersion 4.2) for a curl command line. */
export function importCurl(command: string): CurlImport {
  const words = shellWords(command.trim());
  if (words.length === 0 || words[0] !== 'curl') throw new Error('The command must start with curl');
  let method: string | null = null;
  let url = '';
  const headers: [string, string][] = [];
  const data: string[] = [];
  const urlencoded: string[] = [];
  const form: { name: string; value: string; file: boolean }[] = [];
  let json = false;
  let get = false;
  let insecure = false;
  let follow = false;
  let maxRedirects: number | null = null;
  let proxy = '';
  let timeout: number | null = null;
  const ignored: string[] = [];
  for (let i = 1; i < words.length; i++) {
    let w = words[i];
    let value: string | undefined;
    if (w.startsWith('--') && w.includes('=')) {
      value = w.slice(w.indexOf('=') + 1);
      w = w.slice(0, w.indexOf('='));
    } else if (/^-[XHdFuAbexm]./.test(w)) {
      value = w.slice(2);
      w = w.slice(0, 2);
    }
    if (WITH_VALUE.has(w) && value === undefined) {
      if (i + 1 >= words.length) throw new Error(`${w} needs a value`);
      value = words[++i];
    }
    const v = value ?? '';
    switch (w) {
      case '-X':
      case '--request':
        method = v.toUpperCase();
        break;
      case '-H':
      case '--header': {
        const colon = v.indexOf(':');
        if (colon > 0) headers.push([v.slice(0, colon).trim(), v.slice(colon + 1).trim()]);
        break;
      }
      case '-d':
      case '--data':
      case '--data-raw':
      case '--data-binary':
      case '--data-ascii':
        data.push(v);
        break;
      case '--data-urlencode':
        urlencoded.push(v);
        break;
      case '--json':
        json = true;
        data.push(v);
        break;
      case '-F':
      case '--form':
      case '--form-string': {
        const eq = v.indexOf('=');
        const name = eq < 0 ? v : v.slice(0, eq);
        const val = eq < 0 ? '' : v.slice(eq + 1);
        form.push({
          name,
          value: val.startsWith('@') && w !== '--form-string' ? val.slice(1) : val,
          file: val.startsWith('@') && w !== '--form-string',
        });
        break;
      }
      case '-u':
      case '--user':
        headers.push(['Authorization', 'Basic ' + btoa(v)]);
        break;
      case '--url':
        url = v;
        break;
      case '-A':
      case '--user-agent':
        headers.push(['User-Agent', v]);
        break;
      case '-b':
      case '--cookie':
        headers.push(['Cookie', v]);
        break;
      case '-e':
      case '--referer':
        headers.push(['Referer', v]);
        break;
      case '-x':
      case '--proxy':
        proxy = v;
        break;
      case '-m':
      case '--max-time':
        timeout = Math.round(Number(v) * 1000);
        break;
      case '--max-redirs':
        maxRedirects = Number(v);
        break;
      case '-G':
      case '--get':
        get = true;
        break;
      case '-k':
      case '--insecure':
        insecure = true;
        break;
      case '-L':
      case '--location':
        follow = true;
        break;
      case '--compressed':
      case '-s':
      case '--silent':
      case '-S':
      case '--show-error':
      case '-v':
      case '--verbose':
      case '-i':
      case '--include':
      case '-f':
      case '--fail':
        break;
      default:
        if (w.startsWith('-')) ignored.push(w);
        else if (!url) url = w;
        else ignored.push(w);
    }
  }
  if (!url) throw new Error('The command has no URL');
  if (!/^https?:\/\//i.test(url)) url = 'http://' + url;

  const p: JsonObject = {};
  const u = new URL(url);
  const query: { name: string; value: string }[] = [];
  u.searchParams.forEach((value, name) => query.push({ name, value }));
  u.search = '';
  if (get) {
    for (const d of [...data, ...urlencoded])
      for (const [name, value] of new URLSearchParams(d)) query.push({ name, value });
    data.length = 0;
    urlencoded.length = 0;
  }
  const hasBody = data.length > 0 || urlencoded.length > 0 || form.length > 0;
  p.method = method ?? (hasBody ? 'POST' : 'GET');
  p.url = u.toString().replace(/\?$/, '');
  if (query.length) {
    p.sendQuery = true;
    p.queryParameters = { parameters: query };
  }
  const contentTypeHeader = headers.find(([n]) => n.toLowerCase() === 'content-type');
  const contentType = (contentTypeHeader?.[1] ?? '').toLowerCase();
  if (hasBody) {
    p.sendBody = true;
    if (form.length) {
      p.contentType = 'multipart-form-data';
      p.bodyParameters = {
        parameters: form.map((f) =>
          f.file
            ? { parameterType: 'formBinaryData', name: f.name, inputDataFieldName: 'data' }
            : { parameterType: 'formData', name: f.name, value: f.value },
        ),
      };
    } else {
      const text = data.join('&');
      if (json || contentType.includes('json') || (!contentType && /^\s*[[{]/.test(text))) {
        p.contentType = 'json';
        p.specifyBody = 'json';
        p.jsonBody = text;
      } else if (!contentType || contentType.includes('x-www-form-urlencoded')) {
        p.contentType = 'form-urlencoded';
        const fields: { name: string; value: string }[] = [];
        for (const [name, value] of new URLSearchParams(text)) fields.push({ name, value });
        for (const e of urlencoded) {
          const eq = e.indexOf('=');
          fields.push(eq < 0 ? { name: e, value: '' } : { name: e.slice(0, eq), value: e.slice(eq + 1) });
        }
        p.bodyParameters = { parameters: fields };
      } else {
        p.contentType = 'raw';
        p.rawContentType = contentTypeHeader?.[1] ?? 'text/plain';
        p.body = text;
      }
    }
  }
  const sent = headers.filter(([n]) => !(n.toLowerCase() === 'content-type' && hasBody && p.contentType !== 'raw'));
  if (sent.length) {
    p.sendHeaders = true;
    p.headerParameters = { parameters: sent.map(([name, value]) => ({ name, value })) };
  }
  const options: JsonObject = {};
  if (insecure) options.allowUnauthorizedCerts = true;
  if (proxy) options.proxy = proxy;
  if (timeout !== null && timeout > 0) options.timeout = timeout;
  if (follow || maxRedirects !== null) {
    options.redirect = { redirect: { followRedirects: true, ...(maxRedirects !== null ? { maxRedirects } : {}) } };
  }
  p.options = options;
  return { parameters: p, ignored };
}
