import type { Json, JsonObject } from '../../api/types';
import { type WidgetProps } from '../context';
import { childScope, type Scope } from '../displayOptions';
import { visibleFields } from '../model';
import { Level } from '../ParameterForm';
import { type GroupDef, initialValue } from '../schema';
import { isObject, joinPath } from '../values';

export function CollectionWidget(p: WidgetProps) {
  const values: JsonObject = isObject(p.value) ? p.value : {};
  const fields = p.f.fields ?? [];
  const scope = childScope(p.scope, values, fields);
  const addable = visibleFields(fields, scope).filter((f) => f.holdsValue && values[f.name] === undefined);
  return (
    <div className="collection" data-testid={p.testId}>
      {Object.keys(values).length === 0 && <div className="empty">No properties</div>}
      <div className="nested">
        <Level
          fields={fields}
          values={values}
          onChange={(v) => p.set(v)}
          scope={scope}
          path={p.path}
          kind="collection"
        />
      </div>
      {addable.length > 0 && (
        <select
          className="add-select"
          data-testid={`add-option-${p.path}`}
          value=""
          onChange={(e) => {
            const f = addable.find((x) => x.name === e.target.value);
            if (f) p.set({ ...values, [f.name]: initialValue(f) });
          }}
        >
          <option value="">{p.f.ui.addButtonText ?? 'Add option'}</option>
          {addable.map((f) => (
            <option key={f.name} value={f.name}>
              {f.title}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}

function newEntry(g: GroupDef, parent: Scope): JsonObject {
  const entry: JsonObject = {};
  for (const f of visibleFields(g.fields, childScope(parent, entry, g.fields))) {
    if (f.holdsValue) entry[f.name] = initialValue(f);
  }
  return entry;
}

export function FixedCollectionWidget(p: WidgetProps) {
  const values: JsonObject = isObject(p.value) ? p.value : {};
  const groups = p.f.groups ?? [];
  const setGroup = (name: string, v: Json | undefined) => {
    const next = { ...values };
    if (v === undefined) delete next[name];
    else next[name] = v;
    p.set(next);
  };
  const addable = groups.filter((g) => g.multiple || values[g.name] === undefined);
  const add = (g: GroupDef) => {
    const entry = newEntry(g, p.scope);
    if (g.multiple) {
      const list = Array.isArray(values[g.name]) ? (values[g.name] as Json[]) : [];
      setGroup(g.name, [...list, entry]);
    } else {
      setGroup(g.name, entry);
    }
  };
  const addLabel = p.f.ui.addButtonText ?? 'Add';
  return (
    <div className="fixed-collection" data-testid={p.testId}>
      {groups
        .filter((g) => values[g.name] !== undefined)
        .map((g) => {
          const gv = values[g.name];
          const groupPath = joinPath(p.path, g.name);
          if (g.multiple) {
            const entries = Array.isArray(gv) ? gv : [];
            const setEntries = (list: Json[]) => setGroup(g.name, list.length ? list : undefined);
            return (
              <div className="fc-group" key={g.name}>
                {groups.length > 1 && <div className="fc-group-title">{g.displayName}</div>}
                {entries.map((entry, i) => {
                  const ev: JsonObject = isObject(entry) ? entry : {};
                  const entryPath = `${groupPath}[${i}]`;
                  return (
                    <div className="fc-entry" key={i} data-testid={`entry-${entryPath}`}>
                      <div className="fc-entry-tools">
                        <button
                          type="button"
                          className="icon-btn"
                          title="Move up"
                          disabled={i === 0}
                          data-testid={`move-up-${entryPath}`}
                          onClick={() => setEntries(move(entries, i, i - 1))}
                        >
                          ↑
                        </button>
                        <button
                          type="button"
                          className="icon-btn"
                          title="Move down"
                          disabled={i === entries.length - 1}
                          data-testid={`move-down-${entryPath}`}
                          onClick={() => setEntries(move(entries, i, i + 1))}
                        >
                          ↓
                        </button>
                        <button
                          type="button"
                          className="icon-btn remove"
                          title="Remove"
                          data-testid={`remove-entry-${entryPath}`}
                          onClick={() => setEntries(entries.filter((_, j) => j !== i))}
                        >
                          ×
                        </button>
                      </div>
                      <Level
                        fields={g.fields}
                        values={ev}
                        scope={childScope(p.scope, ev, g.fields)}
                        path={entryPath}
                        kind="entry"
                        onChange={(v) => setEntries(entries.map((x, j) => (j === i ? v : x)))}
                      />
                    </div>
                  );
                })}
              </div>
            );
          }
          const ev: JsonObject = isObject(gv) ? gv : {};
          return (
            <div className="fc-entry" key={g.name} data-testid={`entry-${groupPath}`}>
              <div className="fc-entry-tools">
                <span className="fc-group-title">{g.displayName}</span>
                <button
                  type="button"
                  className="icon-btn remove"
                  title="Remove"
                  data-testid={`remove-entry-${groupPath}`}
                  onClick={() => setGroup(g.name, undefined)}
                >
                  ×
                </button>
              </div>
              <Level
                fields={g.fields}
                values={ev}
                scope={childScope(p.scope, ev, g.fields)}
                path={groupPath}
                kind="entry"
                onChange={(v) => setGroup(g.name, v)}
              />
            </div>
          );
        })}
      {addable.length === 1 && (
        <button
          type="button"
          className="btn secondary small"
          data-testid={`add-entry-${p.path}`}
          onClick={() => add(addable[0])}
        >
          {addLabel}
        </button>
      )}
      {addable.length > 1 && (
        <select
          className="add-select"
          data-testid={`add-entry-${p.path}`}
          value=""
          onChange={(e) => {
            const g = addable.find((x) => x.name === e.target.value);
            if (g) add(g);
          }}
        >
          <option value="">{addLabel}</option>
          {addable.map((g) => (
            <option key={g.name} value={g.name}>
              {g.displayName}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}

function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const copy = [...list];
  const [x] = copy.splice(from, 1);
  copy.splice(to, 0, x);
  return copy;
}
