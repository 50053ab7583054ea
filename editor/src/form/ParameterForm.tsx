import { useState } from 'react';
import type { Json, JsonObject } from '../api/types';
import { type Env, EnvContext, FIELD_DRAG_TYPE, type FieldProps, type FormEnv, useFormEnv } from './context';
import { rootScope, type Scope } from './displayOptions';
import { ExpressionPreview } from './ExpressionPreview';
import { ExpressionEditor } from './ExpressionEditor';
import { effectiveValue, visibleFields } from './model';
import { type FieldDef } from './schema';
import { isExpression, isLocator, joinPath } from './values';
import { Widget } from './widgets/Widget';

export type { FormEnv } from './context';

export interface ParameterFormProps {
  fields: FieldDef[];
  values: JsonObject;
  onChange: (values: JsonObject) => void;
  env: FormEnv;
}

/** A form generated from the `x-ui` hints of a node or credential schema: nothing in it is per node type. */
export function ParameterForm({ fields, values, onChange, env }: ParameterFormProps) {
  const scope = rootScope(values, fields, env.version);
  const full: Env = {
    ...env,
    rootValues: values,
    testIdPrefix: env.testIdPrefix ?? 'param-',
    issues: env.issues ?? {},
  };
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

export function Level({ fields, values, onChange, scope, path, kind }: LevelProps) {
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

/** Where the expression of a field lives: the value itself, or a resource locator's `value`. */
function expressionOf(f: FieldDef, value: unknown): unknown {
  return f.widget === 'resourceLocator' && isLocator(value) ? value.value : value;
}

function FieldRow(props: FieldProps) {
  const { f, value, set, path, onRemove } = props;
  const env = useFormEnv();
  // where the caret goes in the expression editor that takes over the field
  const [caret, setCaret] = useState<number | null>(null);
  const [dropping, setDropping] = useState(false);
  const testId = env.testIdPrefix + path;
  if (f.widget === 'notice') {
    return (
      <div className="notice" data-testid={testId}>
        {f.title}
        {f.description ? <div className="hint">{f.description}</div> : null}
      </div>
    );
  }
  const exprAllowed = env.expressions && f.acceptsExpression;
  const exprValue = expressionOf(f, value);
  const inExpression = exprAllowed && isExpression(exprValue);
  const issue =
    env.issues[path] ??
    (f.widget === 'resourceLocator' ? (env.issues[`${path}.value`] ?? env.issues[`${path}.mode`]) : undefined);

  const setExpression = (text: string, at?: number) => {
    if (at !== undefined) setCaret(at);
    if (f.widget === 'resourceLocator') {
      const base = isLocator(value)
        ? value
        : {
            __rl: true,
            mode: f.ui.modes?.find((m) => m.name === 'id')?.name ?? f.ui.modes?.[0]?.name ?? 'id',
            value: '',
          };
      set({ ...base, value: text });
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
      setExpression(`=${text}`, text.length);
    }
  };

  const isCollection = f.widget === 'collection' || f.widget === 'fixedCollection';
  // a field dragged from the input's schema view: the parameter becomes (or gets) `{{ $json.field }}`, as n8n maps
  const dropField = exprAllowed
    ? {
        onDragOver: (e: React.DragEvent) => {
          if (!e.dataTransfer.types.includes(FIELD_DRAG_TYPE)) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setDropping(true);
        },
        onDragLeave: () => setDropping(false),
        onDrop: (e: React.DragEvent) => {
          const expr = e.dataTransfer.getData(FIELD_DRAG_TYPE);
          setDropping(false);
          if (!expr) return;
          e.preventDefault();
          e.stopPropagation();
          const text = inExpression ? `${String(exprValue).substring(1)}${expr}` : expr;
          setExpression(`=${text}`, text.length);
        },
      }
    : {};
  return (
    <div
      className={`field field-${f.widget}${issue ? ' has-issue' : ''}${dropping ? ' drop-target' : ''}`}
      data-testid={`field-${path}`}
      {...dropField}
    >
      <div className="field-label">
        <label title={f.description} htmlFor={testId}>
          {f.title}
          {f.ui.required ? (
            <span className="required-mark" title="Required">
              *
            </span>
          ) : null}
        </label>
        {f.description && !isCollection ? (
          <span className="info" title={f.description}>
            ?
          </span>
        ) : null}
        <span className="spacer" />
        {exprAllowed && (
          <div className="expr-switch" role="group">
            <button
              type="button"
              className={!inExpression ? 'on' : ''}
              data-testid={`fixed-toggle-${path}`}
              onClick={() => inExpression && toggleExpression()}
            >
              Fixed
            </button>
            <button
              type="button"
              className={inExpression ? 'on' : ''}
              data-testid={`expr-toggle-${path}`}
              onClick={() => !inExpression && toggleExpression()}
            >
              Expression
            </button>
          </div>
        )}
        {onRemove && (
          <button
            type="button"
            className="icon-btn remove"
            title="Remove"
            data-testid={`remove-${path}`}
            onClick={onRemove}
          >
            ×
          </button>
        )}
      </div>
      {inExpression ? (
        <>
          <ExpressionEditor
            value={String(exprValue).substring(1)}
            onChange={(t) => setExpression(`=${t}`)}
            testId={testId}
            initialCaret={caret}
            completion={{ item: env.previewItem, nodeNames: env.nodeNames ?? [] }}
            rows={f.widget === 'textarea' || f.widget === 'json' ? 3 : 1}
          />
          <ExpressionPreview expression={String(exprValue)} path={path} />
        </>
      ) : (
        <Widget {...props} testId={testId} invalid={!!issue} onExpression={exprAllowed ? setExpression : undefined} />
      )}
      {issue ? (
        <div className="field-error" data-testid={`error-${path}`}>
          {capitalize(`${f.title} ${issue}`)}
        </div>
      ) : null}
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
