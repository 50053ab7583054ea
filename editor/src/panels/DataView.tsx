import { useEffect, useState } from 'react';
import type { BinaryRef, Item, NodeRun } from '../api/types';
import { FIELD_DRAG_TYPE } from '../form/context';

type Mode = 'table' | 'json' | 'schema' | 'binary';

/**
 * Items of one node input or output, as a table, as JSON, as the schema of their fields (draggable
 * onto parameters as `{{ $json.field }}`), or their binary files (images previewed).
 */
export function ItemsView({
  items,
  testId,
  initialMode = 'table',
}: {
  items: Item[];
  testId: string;
  initialMode?: Mode;
}) {
  const hasBinary = items.some((i) => i.binary && Object.keys(i.binary).length > 0);
  const [mode, setMode] = useState<Mode>(initialMode);
  useEffect(() => {
    if (mode === 'binary' && !hasBinary) setMode('table');
  }, [hasBinary, mode]);
  return (
    <div className="items-view" data-testid={testId}>
      <div className="items-toolbar">
        <span className="count" data-testid={`${testId}-count`}>
          {items.length} {items.length === 1 ? 'item' : 'items'}
        </span>
        <span className="spacer" />
        <div className="segmented">
          <button
            type="button"
            className={mode === 'table' ? 'on' : ''}
            data-testid={`${testId}-view-table`}
            onClick={() => setMode('table')}
          >
            Table
          </button>
          <button
            type="button"
            className={mode === 'json' ? 'on' : ''}
            data-testid={`${testId}-view-json`}
            onClick={() => setMode('json')}
          >
            JSON
          </button>
          <button
            type="button"
            className={mode === 'schema' ? 'on' : ''}
            data-testid={`${testId}-view-schema`}
            onClick={() => setMode('schema')}
          >
            Schema
          </button>
          {hasBinary && (
            <button
              type="button"
              className={mode === 'binary' ? 'on' : ''}
              data-testid={`${testId}-view-binary`}
              onClick={() => setMode('binary')}
            >
              Binary
            </button>
          )}
        </div>
      </div>
      {items.length === 0 ? (
        <div className="empty">No items</div>
      ) : mode === 'table' ? (
        <ItemsTable items={items} testId={`${testId}-table`} />
      ) : mode === 'json' ? (
        <pre className="json-view" data-testid={`${testId}-json`}>
          {JSON.stringify(
            items.map((i) => i.json),
            null,
            2,
          )}
        </pre>
      ) : mode === 'schema' ? (
        <SchemaView items={items} testId={`${testId}-schema`} />
      ) : (
        <BinaryList items={items} testId={`${testId}-binary`} />
      )}
    </div>
  );
}

function ItemsTable({ items, testId }: { items: Item[]; testId: string }) {
  const shown = items.slice(0, 200);
  const columns: string[] = [];
  for (const item of shown) {
    for (const k of Object.keys(item.json ?? {})) if (!columns.includes(k)) columns.push(k);
  }
  const hasBinary = shown.some((i) => i.binary && Object.keys(i.binary).length);
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c}>{c}</th>
            ))}
            {hasBinary && <th>binary</th>}
          </tr>
        </thead>
        <tbody>
          {shown.map((item, r) => (
            <tr key={r}>
              {columns.map((c) => (
                <td key={c} data-column={c}>
                  <Cell value={(item.json ?? {})[c]} />
                </td>
              ))}
              {hasBinary && <td>{Object.keys(item.binary ?? {}).join(', ')}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {items.length > shown.length && (
        <div className="hint">
          Showing {shown.length} of {items.length} items
        </div>
      )}
    </div>
  );
}

function Cell({ value }: { value: unknown }) {
  if (value === null) return <span className="null">null</span>;
  if (value === undefined) return <span className="null" />;
  if (typeof value === 'object') {
    // shown whole (a state's attributes are what the user came for); collapsible when long
    const text = JSON.stringify(value, null, 2);
    const small = text.length <= 600;
    return (
      <details className="cell-object" open={small}>
        <summary>
          {Array.isArray(value) ? `[${value.length}]` : `{${Object.keys(value).length}}`}
          {small ? '' : ` ${truncate(JSON.stringify(value), 60)}`}
        </summary>
        <pre>{text}</pre>
      </details>
    );
  }
  if (typeof value === 'boolean') return <span className="bool">{String(value)}</span>;
  return <>{truncate(String(value), 300)}</>;
}

interface SchemaField {
  path: string;
  key: string;
  type: string;
  sample: string;
  depth: number;
}

/** Every field of the items (the union, in first-seen order) with its type and first value, nested by path. */
export function schemaOf(items: Item[]): SchemaField[] {
  const out: SchemaField[] = [];
  const seen = new Set<string>();
  const walk = (v: unknown, path: string, key: string, depth: number) => {
    if (depth > 0 && !seen.has(path)) {
      seen.add(path);
      const type = Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
      out.push({ path, key, type, sample: type === 'object' || type === 'array' ? '' : String(v), depth });
    }
    if (v && typeof v === 'object' && !Array.isArray(v) && depth < 6) {
      for (const [k, child] of Object.entries(v))
        walk(child, /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}['${k}']`, k, depth + 1);
    }
  };
  for (const item of items.slice(0, 50)) walk(item.json ?? {}, '', '', 0);
  return out;
}

function SchemaView({ items, testId }: { items: Item[]; testId: string }) {
  const fields = schemaOf(items);
  return (
    <ul className="schema-view" data-testid={testId}>
      {fields.map((f) => (
        <li
          key={f.path}
          style={{ paddingLeft: 8 + (f.depth - 1) * 16 }}
          className="schema-field"
          draggable
          data-testid={`${testId}-field-${f.path.replace(/^\./, '')}`}
          title={`Drag onto a parameter: {{ $json${f.path} }}`}
          onDragStart={(e) => {
            const expr = `{{ $json${f.path} }}`;
            e.dataTransfer.setData(FIELD_DRAG_TYPE, expr);
            e.dataTransfer.setData('text/plain', expr);
            e.dataTransfer.effectAllowed = 'copy';
          }}
        >
          <span className={`schema-type t-${f.type}`}>
            {f.type === 'object'
              ? '{}'
              : f.type === 'array'
                ? '[]'
                : f.type === 'number'
                  ? '#'
                  : f.type === 'boolean'
                    ? '◐'
                    : 'T'}
          </span>
          <span className="schema-key">{f.key}</span>
          {f.sample && <span className="schema-sample">{truncate(f.sample, 80)}</span>}
        </li>
      ))}
    </ul>
  );
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.substring(0, n)}…` : s;
}

function BinaryList({ items, testId }: { items: Item[]; testId: string }) {
  return (
    <div className="binary-list" data-testid={testId}>
      {items.map((item, i) =>
        Object.entries(item.binary ?? {}).map(([prop, b]) => (
          <BinaryCard key={`${i}-${prop}`} prop={prop} b={b} index={i} />
        )),
      )}
    </div>
  );
}

function BinaryCard({ prop, b, index }: { prop: string; b: BinaryRef; index: number }) {
  const isImage = (b.mimeType ?? '').startsWith('image/');
  return (
    <div className="binary-card">
      <div className="binary-meta">
        <strong>{prop}</strong> <span className="muted">item {index}</span>
        <div>
          {b.fileName ?? '(no name)'} · {b.mimeType ?? 'unknown type'}
          {b.fileSize !== undefined ? ` · ${b.fileSize}` : ''}
        </div>
        {b.url && (
          <a href={b.url} target="_blank" rel="noreferrer">
            Open
          </a>
        )}
      </div>
      {isImage && b.url && (
        <img src={b.url} alt={b.fileName ?? prop} className="binary-preview" data-testid="binary-image" />
      )}
    </div>
  );
}

/** One side (input or output) of a node's run, with a tab per port and a run selector. */
export function RunDataPane({
  runs,
  side,
  labels,
  testId,
  emptyText,
}: {
  runs: NodeRun[] | undefined;
  side: 'input' | 'output';
  labels: string[];
  testId: string;
  emptyText: string;
}) {
  const [runIndex, setRunIndex] = useState<number | null>(null);
  const [port, setPort] = useState(0);
  const run =
    runs && runs.length ? runs[runIndex !== null && runIndex < runs.length ? runIndex : runs.length - 1] : undefined;
  const ports = run ? ((side === 'input' ? run.input : run.output) ?? []) : [];
  useEffect(() => {
    if (port >= Math.max(ports.length, 1)) setPort(0);
  }, [ports.length, port]);
  if (!run) {
    return (
      <div className="pane-empty" data-testid={`${testId}-empty`}>
        {emptyText}
      </div>
    );
  }
  const items = ports[port] ?? [];
  return (
    <div className="run-pane" data-testid={testId}>
      <div className="run-header">
        {runs && runs.length > 1 && (
          <select
            data-testid={`${testId}-run`}
            value={runIndex ?? runs.length - 1}
            onChange={(e) => setRunIndex(Number(e.target.value))}
          >
            {runs.map((r, i) => (
              <option key={i} value={i}>
                Run {i + 1} ({r.status})
              </option>
            ))}
          </select>
        )}
        <span className={`status-pill ${run.status}`} data-testid={`${testId}-status`}>
          {run.status}
        </span>
        {run.executionTimeMs !== undefined && <span className="muted">{run.executionTimeMs} ms</span>}
        {run.attempts !== undefined && run.attempts > 1 && <span className="muted">{run.attempts} attempts</span>}
      </div>
      {side === 'output' && run.error && (
        <div className="run-error" data-testid={`${testId}-error`}>
          <strong>{run.error.message ?? 'Error'}</strong>
          {run.error.description ? <div>{String(run.error.description)}</div> : null}
        </div>
      )}
      {side === 'output' && run.console && run.console.length > 0 && (
        <details className="run-console" data-testid={`${testId}-console`} open>
          <summary>Console ({run.console.length})</summary>
          <pre>{run.console.join('\n')}</pre>
        </details>
      )}
      {ports.length > 1 && (
        <div className="port-tabs">
          {ports.map((p, i) => (
            <button
              type="button"
              key={i}
              className={i === port ? 'on' : ''}
              data-testid={`${testId}-port-${i}`}
              onClick={() => setPort(i)}
            >
              {labels[i] || (side === 'input' ? `Input ${i + 1}` : `Output ${i}`)} ({(p ?? []).length})
            </button>
          ))}
        </div>
      )}
      <ItemsView items={items} testId={`${testId}-items`} initialMode={side === 'input' ? 'schema' : 'table'} />
    </div>
  );
}
