import { createContext, useContext, useEffect, useRef, useState } from 'react';
import type { DynamicOptionsWire, Json, JsonObject, LoadedOption } from '../api/types';
import { Combobox } from '../ui/Combobox';
import { childScope, dependencyValue, rootScope, type Scope } from './displayOptions';
import { previewExpression } from './expression';
import { effectiveValue, type Issues, visibleFields } from './model';
import { type FieldDef, type GroupDef, initialValue, staticOptions } from './schema';
import { isExpression, isLocator, isObject, joinPath } from './values';

/** What every field of one form shares. */
export interface FormEnv {
  /** node parameters may be expressions; credential values are literal */
  expressions: boolean;
  /** the node's typeVersion (for `@version` display options) */
  version?: number;
  /** messages by value path, from client-side validation and the server's problem `errors[]` */
  issues?: Issues;
  /** loads a dynamic dropdown's choices (`POST /node-types/{name}/load-options`) */
  loadOptions?: (method: string, parameters: JsonObject) => Promise<LoadedOption[]>;
  /** changes when the choices must be loaded again, e.g. another credential was selected */
  optionsKey?: string;
  /** the node's last-run input item, for expression previews */
  previewItem?: JsonObject;
  /** credential form: the secrets that are stored (shown masked, kept when left empty) */
  secretsSet?: string[];
  /** data-testid prefix of the controls: "param-" for node parameters, "cred-" for credential fields */
  testIdPrefix?: string;
}

interface Env extends FormEnv {
  rootValues: JsonObject;
  testIdPrefix: string;
  issues: Issues;
}

const EnvContext = createContext<Env>({ expressions: false, rootValues: {}, testIdPrefix: 'param-', issues: {} });

export interface ParameterFormProps {
  fields: FieldDef[];
  values: JsonObject;
  onChange: (values: JsonObject) => void;
  env: FormEnv;
}

/** A form generated from the `x-ui` hints of a node or credential schema: nothing in it is per node type. */
export function ParameterForm({ fields, values, onChange, env }: ParameterFormProps) {
  const scope = rootScope(values, fields, env.version);
  const full: Env = { ...env, rootValues: values, testIdPrefix: env.testIdPrefix ?? 'param-', issues: env.issues ?? {} };
  return (
    <EnvContext.Provider value={full}>
      <div className="parameter-form">
        <Level fields={fields} values={values} onChange={onChange} scope={scope} path="" kind="root" />
      </div>
    </EnvContext.Provider>
  );
}

type LevelKind = 'root' | 'collection' | 'entry';

interface LevelProps {
  fields: FieldDef[];
  values: JsonObject;
  onChange: (values: JsonObject) => void;
  scope: Scope;
  path: string;
  kind: LevelKind;
}

function Level({ fields, values, onChange, scope, path, kind }: LevelProps) {
  const visible = visibleFields(fields, scope);
  const shown = kind === 'collection' ? visible.filter((f) => values[f.name] !== undefined) : visible;
  const set = (name: string, v: Json | undefined) => {
    const next = { ...values };
    if (v === undefined) delete next[name];
    else next[name] = v;
    onChange(next);
  };
  return (
    <>
      {shown.map((f) => (
        <FieldRow
          key={f.name}
          f={f}
          value={kind === 'collection' ? values[f.name] : effectiveValue(f, values)}
          set={(v) => set(f.name, v)}
          scope={scope}
          path={joinPath(path, f.name)}
          onRemove={kind === 'collection' ? () => set(f.name, undefined) : undefined}
        />
      ))}
    </>
  );
}

interface FieldProps {
  f: FieldDef;
  value: unknown;
  set: (v: Json | undefined) => void;
  scope: Scope;
  path: string;
  onRemove?: () => void;
}

/** Where the expression of a field lives: the value itself, or a resource locator's `value`. */
function expressionOf(f: FieldDef, value: unknown): unknown {
  return f.widget === 'resourceLocator' && isLocator(value) ? value.value : value;
}

function FieldRow(props: FieldProps) {
  const { f, value, set, path, onRemove } = props;
  const env = useContext(EnvContext);
  const testId = env.testIdPrefix + path;
  if (f.widget === 'notice') {
    return <div className="notice" data-testid={testId}>{f.title}{f.description ? <div className="hint">{f.description}</div> : null}</div>;
  }
  const exprAllowed = env.expressions && f.acceptsExpression;
  const exprValue = expressionOf(f, value);
  const inExpression = exprAllowed && isExpression(exprValue);
  const issue = env.issues[path] ?? (f.widget === 'resourceLocator' ? env.issues[`${path}.value`] ?? env.issues[`${path}.mode`] : undefined);

  const setExpression = (text: string) => {
    if (f.widget === 'resourceLocator') {
      const base = isLocator(value) ? value : { __rl: true, mode: f.ui.modes?.find((m) => m.name === 'id')?.name ?? f.ui.modes?.[0]?.name ?? 'id', value: '' };
      set({ ...base, value: text } as Json);
    } else {
      set(text);
    }
  };
  const toggleExpression = () => {
    if (inExpression) {
      const text = String(exprValue).substring(1);
      const literal = /\{\{/.test(text) ? undefined : text;
      if (f.widget === 'resourceLocator') setExpression(literal ?? '');
      else set(literal !== undefined && literal !== '' ? coerceLiteral(f, literal) : undefined);
    } else {
      const current = exprValue;
      const text = current === undefined || current === null || typeof current === 'object' ? '' : String(current);
      setExpression(`=${text}`);
    }
  };

  const isCollection = f.widget === 'collection' || f.widget === 'fixedCollection';
  return (
    <div className={`field field-${f.widget}${issue ? ' has-issue' : ''}`} data-testid={`field-${path}`}>
      <div className="field-label">
        <label title={f.description} htmlFor={testId}>
          {f.title}
          {f.ui.required ? <span className="required-mark" title="Required">*</span> : null}
        </label>
        {f.description && !isCollection ? <span className="info" title={f.description}>?</span> : null}
        <span className="spacer" />
        {exprAllowed && (
          <div className="expr-switch" role="group">
            <button type="button" className={!inExpression ? 'on' : ''} data-testid={`fixed-toggle-${path}`}
              onClick={() => inExpression && toggleExpression()}>Fixed</button>
            <button type="button" className={inExpression ? 'on' : ''} data-testid={`expr-toggle-${path}`}
              onClick={() => !inExpression && toggleExpression()}>Expression</button>
          </div>
        )}
        {onRemove && (
          <button type="button" className="icon-btn remove" title="Remove" data-testid={`remove-${path}`} onClick={onRemove}>×</button>
        )}
      </div>
      {inExpression ? (
        <ExpressionInput value={String(exprValue)} onChange={setExpression} testId={testId} path={path} />
      ) : (
        <Widget {...props} testId={testId} invalid={!!issue} onExpression={exprAllowed ? setExpression : undefined} />
      )}
      {issue ? <div className="field-error" data-testid={`error-${path}`}>{capitalize(`${f.title} ${issue}`)}</div> : null}
      {f.ui.hint ? <div className="hint">{f.ui.hint}</div> : null}
    </div>
  );
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.substring(1);
}

function coerceLiteral(f: FieldDef, text: string): Json {
  if (f.widget === 'number') return Number.isFinite(Number(text)) ? Number(text) : text;
  if (f.widget === 'toggle') return text === 'true';
  return text;
}

function ExpressionInput({ value, onChange, testId, path }: { value: string; onChange: (v: string) => void; testId: string; path: string }) {
  const env = useContext(EnvContext);
  const preview = previewExpression(value, env.previewItem);
  return (
    <div className="expression">
      <textarea
        id={testId}
        data-testid={testId}
        className="expression-input"
        rows={Math.min(6, Math.max(1, value.split('\n').length))}
        value={value.substring(1)}
        spellCheck={false}
        onChange={(e) => onChange(`=${e.target.value}`)}
      />
      <div className={`expression-preview${preview.ok ? '' : ' muted'}`} data-testid={`expr-preview-${path}`}>
        <span className="label">Result</span> {preview.text}
      </div>
    </div>
  );
}

interface WidgetProps extends FieldProps {
  testId: string;
  invalid: boolean;
  onExpression?: (text: string) => void;
}

function Widget(p: WidgetProps) {
  switch (p.f.widget) {
    case 'text':
    case 'password':
      return <TextWidget {...p} />;
    case 'textarea':
      return <TextAreaWidget {...p} />;
    case 'number':
      return <NumberWidget {...p} />;
    case 'toggle':
      return <ToggleWidget {...p} />;
    case 'select':
      return p.f.ui.dynamicOptions ? <DynamicSelectWidget {...p} /> : <SelectWidget {...p} />;
    case 'multiselect':
      return <MultiSelectWidget {...p} />;
    case 'json':
      return <JsonWidget {...p} />;
    case 'datetime':
      return <DateTimeWidget {...p} />;
    case 'color':
      return <ColorWidget {...p} />;
    case 'resourceLocator':
      return <LocatorWidget {...p} />;
    case 'collection':
      return <CollectionWidget {...p} />;
    case 'fixedCollection':
      return <FixedCollectionWidget {...p} />;
    default:
      return <TextWidget {...p} />;
  }
}

function asText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Typing "{{" turns an expression-capable field into an expression, as in n8n. */
function maybeExpression(p: WidgetProps, text: string): boolean {
  if (p.onExpression && text.includes('{{')) {
    // close the braces as n8n does: "{{" becomes "{{  }}"
    const closed = /\{\{(?![\s\S]*\}\})/.test(text) ? text.replace(/\{\{(?![\s\S]*\}\})/, '{{  }}') : text;
    p.onExpression(`=${closed}`);
    return true;
  }
  return false;
}

function TextWidget(p: WidgetProps) {
  const env = useContext(EnvContext);
  const secret = p.f.widget === 'password' || !!p.f.ui.secret;
  const stored = secret && env.secretsSet?.includes(p.f.name);
  return (
    <input
      id={p.testId}
      data-testid={p.testId}
      className={p.invalid ? 'invalid' : ''}
      type={secret ? 'password' : 'text'}
      autoComplete={secret ? 'new-password' : 'off'}
      value={asText(p.value)}
      placeholder={stored ? '******' : p.f.ui.placeholder}
      onChange={(e) => {
        if (!maybeExpression(p, e.target.value)) p.set(e.target.value);
      }}
    />
  );
}

function TextAreaWidget(p: WidgetProps) {
  return (
    <textarea
      id={p.testId}
      data-testid={p.testId}
      className={p.invalid ? 'invalid' : ''}
      rows={p.f.ui.rows ?? 4}
      value={asText(p.value)}
      placeholder={p.f.ui.placeholder}
      onChange={(e) => {
        if (!maybeExpression(p, e.target.value)) p.set(e.target.value);
      }}
    />
  );
}

function NumberWidget(p: WidgetProps) {
  const [text, setText] = useState(asText(p.value));
  const last = useRef(p.value);
  useEffect(() => {
    if (p.value !== last.current) {
      last.current = p.value;
      if (Number(text) !== p.value) setText(asText(p.value));
    }
  }, [p.value, text]);
  return (
    <input
      id={p.testId}
      data-testid={p.testId}
      className={p.invalid ? 'invalid' : ''}
      type="number"
      value={text}
      min={p.f.valueSchema.minimum}
      max={p.f.valueSchema.maximum}
      step={p.f.ui.precision ? 1 / 10 ** p.f.ui.precision : 'any'}
      placeholder={p.f.ui.placeholder}
      onChange={(e) => {
        const t = e.target.value;
        setText(t);
        const v = t.trim() === '' ? null : Number(t);
        last.current = v;
        p.set(v === null || Number.isNaN(v) ? null : v);
      }}
    />
  );
}

function ToggleWidget(p: WidgetProps) {
  const checked = p.value === true || p.value === 'true';
  return (
    <label className="switch">
      <input id={p.testId} data-testid={p.testId} type="checkbox" checked={checked} onChange={(e) => p.set(e.target.checked)} />
      <span className="slider" />
    </label>
  );
}

function SelectWidget(p: WidgetProps) {
  const options = staticOptions(p.f);
  const index = options.findIndex((o) => o.value === p.value || String(o.value) === asText(p.value));
  return (
    <select
      id={p.testId}
      data-testid={p.testId}
      className={p.invalid ? 'invalid' : ''}
      value={index >= 0 ? String(index) : '__current'}
      onChange={(e) => {
        const i = Number(e.target.value);
        if (!Number.isNaN(i) && options[i]) p.set(options[i].value);
      }}
    >
      {index < 0 && <option value="__current">{p.value === undefined || p.value === '' ? 'Select…' : asText(p.value)}</option>}
      {options.map((o, i) => (
        <option key={i} value={String(i)} title={o.description || undefined}>{o.name}</option>
      ))}
    </select>
  );
}

/** Loads choices when shown and again when a `dependsOn` value or the credential changes. */
function useDynamicOptions(d: DynamicOptionsWire | undefined, scope: Scope) {
  const env = useContext(EnvContext);
  const envRef = useRef(env);
  envRef.current = env;
  const deps = d ? d.dependsOn.map((k) => dependencyValue(scope, k)) : [];
  const key = d ? JSON.stringify([d.method, deps, env.optionsKey ?? '']) : '';
  const [nonce, setNonce] = useState(0);
  const [state, setState] = useState<{ options: LoadedOption[]; loading: boolean; error: string | null }>({
    options: [], loading: !!d, error: null,
  });
  useEffect(() => {
    if (!d) return;
    const load = envRef.current.loadOptions;
    if (!load) {
      setState({ options: [], loading: false, error: 'options cannot be loaded here' });
      return;
    }
    let cancelled = false;
    setState((s) => ({ ...s, loading: true, error: null }));
    load(d.method, envRef.current.rootValues).then(
      (options) => !cancelled && setState({ options: Array.isArray(options) ? options : [], loading: false, error: null }),
      (e: unknown) => !cancelled && setState({ options: [], loading: false, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, nonce]);
  return { ...state, reload: () => setNonce((n) => n + 1) };
}

function DynamicSelectWidget(p: WidgetProps) {
  const o = useDynamicOptions(p.f.ui.dynamicOptions, p.scope);
  return (
    <Combobox
      testId={p.testId}
      value={p.value as Json}
      options={o.options}
      loading={o.loading}
      error={o.error}
      allowFree
      onReload={o.reload}
      onChange={(v) => (typeof v === 'string' && maybeExpression(p, v) ? undefined : p.set(v))}
      placeholder={p.f.ui.placeholder}
      invalid={p.invalid}
    />
  );
}

function MultiSelectWidget(p: WidgetProps) {
  const dynamic = p.f.ui.dynamicOptions;
  const o = useDynamicOptions(dynamic, p.scope);
  const list: Json[] = Array.isArray(p.value) ? (p.value as Json[]) : [];
  const options = dynamic ? o.options : staticOptions(p.f);
  const labelOf = (v: Json) => options.find((x) => String(x.value) === String(v))?.name ?? String(v);
  const add = (v: Json) => {
    if (!list.some((x) => String(x) === String(v))) p.set([...list, v]);
  };
  const remaining = options.filter((x) => !list.some((v) => String(v) === String(x.value)));
  return (
    <div className={`multiselect${p.invalid ? ' invalid' : ''}`}>
      <div className="chips" data-testid={`${p.testId}-values`}>
        {list.map((v) => (
          <span className="chip" key={String(v)}>
            {labelOf(v)}
            <button type="button" data-testid={`remove-${p.path}-${String(v)}`} onClick={() => p.set(list.filter((x) => x !== v))}>×</button>
          </span>
        ))}
      </div>
      {dynamic ? (
        <Combobox testId={p.testId} value={null} options={remaining} loading={o.loading} error={o.error} onReload={o.reload} allowFree
          onChange={(v) => v !== '' && v !== null && add(v)} placeholder="Add…" />
      ) : (
        <select id={p.testId} data-testid={p.testId} value="" onChange={(e) => {
          const i = Number(e.target.value);
          if (!Number.isNaN(i) && remaining[i]) add(remaining[i].value);
        }}>
          <option value="">{remaining.length ? 'Add…' : 'All chosen'}</option>
          {remaining.map((x, i) => <option key={i} value={String(i)} title={x.description || undefined}>{x.name}</option>)}
        </select>
      )}
    </div>
  );
}

function JsonWidget(p: WidgetProps) {
  const text = typeof p.value === 'string' ? p.value : p.value === undefined || p.value === null ? '' : JSON.stringify(p.value, null, 2);
  return (
    <textarea
      id={p.testId}
      data-testid={p.testId}
      className={`code${p.invalid ? ' invalid' : ''}`}
      rows={p.f.ui.rows ?? 5}
      spellCheck={false}
      value={text}
      placeholder={p.f.ui.placeholder}
      onChange={(e) => {
        if (!maybeExpression(p, e.target.value)) p.set(e.target.value);
      }}
    />
  );
}

function DateTimeWidget(p: WidgetProps) {
  const text = asText(p.value);
  const local = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(text) ? text : '';
  return (
    <div className="inline">
      <input id={p.testId} data-testid={p.testId} className={p.invalid ? 'invalid' : ''} type="text" value={text}
        placeholder={p.f.ui.placeholder ?? 'YYYY-MM-DDTHH:mm:ss'}
        onChange={(e) => {
          if (!maybeExpression(p, e.target.value)) p.set(e.target.value);
        }} />
      <input type="datetime-local" className="picker" data-testid={`${p.testId}-picker`} value={local} step={1}
        onChange={(e) => p.set(e.target.value)} title="Pick a date and time" />
    </div>
  );
}

function ColorWidget(p: WidgetProps) {
  const text = asText(p.value);
  return (
    <div className="inline">
      <input type="color" data-testid={`${p.testId}-picker`} value={/^#[0-9a-fA-F]{6}$/.test(text) ? text : expandColor(text)}
        onChange={(e) => p.set(e.target.value)} />
      <input id={p.testId} data-testid={p.testId} className={p.invalid ? 'invalid' : ''} type="text" value={text}
        onChange={(e) => {
          if (!maybeExpression(p, e.target.value)) p.set(e.target.value);
        }} />
    </div>
  );
}

function expandColor(c: string): string {
  const m = /^#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])$/.exec(c);
  return m ? `#${m[1]}${m[1]}${m[2]}${m[2]}${m[3]}${m[3]}` : '#000000';
}

function LocatorWidget(p: WidgetProps) {
  const modes = p.f.ui.modes ?? [];
  const value = isLocator(p.value)
    ? p.value
    : { __rl: true as const, mode: modes.find((m) => m.name === 'id')?.name ?? modes[0]?.name ?? 'id', value: (p.value ?? '') as Json };
  const mode = modes.find((m) => m.name === value.mode) ?? modes[0];
  const o = useDynamicOptions(mode?.dynamicOptions, p.scope);
  const setValue = (v: Json) => {
    if (typeof v === 'string' && maybeExpression(p, v)) return;
    p.set({ __rl: true, mode: value.mode, value: v });
  };
  return (
    <div className="locator">
      <select className="locator-mode" data-testid={`${p.testId}-mode`} value={value.mode}
        onChange={(e) => p.set({ __rl: true, mode: e.target.value, value: value.value })}>
        {modes.map((m) => <option key={m.name} value={m.name}>{m.displayName}</option>)}
      </select>
      <div className="locator-value">
        {mode?.dynamicOptions ? (
          <Combobox testId={p.testId} value={value.value} options={o.options} loading={o.loading} error={o.error} allowFree
            onReload={o.reload} onChange={setValue} placeholder={mode.placeholder} invalid={p.invalid} />
        ) : (
          <input id={p.testId} data-testid={p.testId} className={p.invalid ? 'invalid' : ''} type="text"
            value={asText(value.value)} placeholder={mode?.placeholder} onChange={(e) => setValue(e.target.value)} />
        )}
      </div>
    </div>
  );
}

function CollectionWidget(p: WidgetProps) {
  const values: JsonObject = isObject(p.value) ? p.value : {};
  const fields = p.f.fields ?? [];
  const scope = childScope(p.scope, values, fields);
  const addable = visibleFields(fields, scope).filter((f) => f.holdsValue && values[f.name] === undefined);
  return (
    <div className="collection" data-testid={p.testId}>
      {Object.keys(values).length === 0 && <div className="empty">No properties</div>}
      <div className="nested">
        <Level fields={fields} values={values} onChange={(v) => p.set(v)} scope={scope} path={p.path} kind="collection" />
      </div>
      {addable.length > 0 && (
        <select className="add-select" data-testid={`add-option-${p.path}`} value="" onChange={(e) => {
          const f = addable.find((x) => x.name === e.target.value);
          if (f) p.set({ ...values, [f.name]: initialValue(f) });
        }}>
          <option value="">{p.f.ui.addButtonText ?? 'Add option'}</option>
          {addable.map((f) => <option key={f.name} value={f.name}>{f.title}</option>)}
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

function FixedCollectionWidget(p: WidgetProps) {
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
      {groups.filter((g) => values[g.name] !== undefined).map((g) => {
        const gv = values[g.name];
        const groupPath = joinPath(p.path, g.name);
        if (g.multiple) {
          const entries = Array.isArray(gv) ? (gv as Json[]) : [];
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
                      <button type="button" className="icon-btn" title="Move up" disabled={i === 0} data-testid={`move-up-${entryPath}`}
                        onClick={() => setEntries(move(entries, i, i - 1))}>↑</button>
                      <button type="button" className="icon-btn" title="Move down" disabled={i === entries.length - 1}
                        data-testid={`move-down-${entryPath}`} onClick={() => setEntries(move(entries, i, i + 1))}>↓</button>
                      <button type="button" className="icon-btn remove" title="Remove" data-testid={`remove-entry-${entryPath}`}
                        onClick={() => setEntries(entries.filter((_, j) => j !== i))}>×</button>
                    </div>
                    <Level fields={g.fields} values={ev} scope={childScope(p.scope, ev, g.fields)} path={entryPath} kind="entry"
                      onChange={(v) => setEntries(entries.map((x, j) => (j === i ? v : x)))} />
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
              <button type="button" className="icon-btn remove" title="Remove" data-testid={`remove-entry-${groupPath}`}
                onClick={() => setGroup(g.name, undefined)}>×</button>
            </div>
            <Level fields={g.fields} values={ev} scope={childScope(p.scope, ev, g.fields)} path={groupPath} kind="entry"
              onChange={(v) => setGroup(g.name, v)} />
          </div>
        );
      })}
      {addable.length === 1 && (
        <button type="button" className="btn secondary small" data-testid={`add-entry-${p.path}`} onClick={() => add(addable[0])}>{addLabel}</button>
      )}
      {addable.length > 1 && (
        <select className="add-select" data-testid={`add-entry-${p.path}`} value="" onChange={(e) => {
          const g = addable.find((x) => x.name === e.target.value);
          if (g) add(g);
        }}>
          <option value="">{addLabel}</option>
          {addable.map((g) => <option key={g.name} value={g.name}>{g.displayName}</option>)}
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
