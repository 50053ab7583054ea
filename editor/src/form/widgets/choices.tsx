import { useEffect, useRef, useState } from 'react';
import type { CredentialType, DynamicOptionsWire, Json, LoadedOption, UiHints, UiOption } from '../../api/types';
import { useCatalog } from '../../state/catalog';
import { Combobox } from '../../ui/Combobox';
import { type WidgetProps, useFormEnv } from '../context';
import { dependencyValue, type Scope } from '../displayOptions';
import { staticOptions } from '../schema';
import { isLocator } from '../values';
import { asText, maybeExpression } from './basic';

export function SelectWidget(p: WidgetProps) {
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
      {index < 0 && (
        <option value="__current">{p.value === undefined || p.value === '' ? 'Select…' : asText(p.value)}</option>
      )}
      {options.map((o, i) => (
        <option
          key={i}
          value={String(i)}
          title={o.unsupported ?? (o.description || undefined)}
          disabled={!!o.unsupported && i !== index}
        >
          {o.unsupported ? `${o.name} (not supported by Hearth)` : o.name}
        </option>
      ))}
    </select>
  );
}

/** The installed credential types a credential-type field offers (n8n's credentialsSelect), by display name. */
export function credentialTypeOptions(types: CredentialType[], hints: UiHints['credentialTypes']): UiOption[] {
  const excluded = new Set(hints?.excluded ?? []);
  return types
    .filter((t) => (!hints?.signsRequests || t.signsRequests) && !excluded.has(t.name))
    .map((t) => ({ name: t.displayName, value: t.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** HTTP Request's "Credential Type": a select of the installed types that sign requests. */
export function CredentialTypeWidget(p: WidgetProps) {
  const { credentialTypes } = useCatalog();
  const options = credentialTypeOptions(credentialTypes, p.f.ui.credentialTypes);
  return <SelectWidget {...p} f={{ ...p.f, ui: { ...p.f.ui, options } }} />;
}

/** Loads choices when shown and again when a `dependsOn` value or the credential changes. */
export function useDynamicOptions(d: DynamicOptionsWire | undefined, scope: Scope) {
  const env = useFormEnv();
  const envRef = useRef(env);
  envRef.current = env;
  const deps = d ? d.dependsOn.map((k) => dependencyValue(scope, k)) : [];
  const key = d ? JSON.stringify([d.method, deps, env.optionsKey ?? '']) : '';
  const [nonce, setNonce] = useState(0);
  const [state, setState] = useState<{ options: LoadedOption[]; loading: boolean; error: string | null }>({
    options: [],
    loading: !!d,
    error: null,
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
      (options) =>
        !cancelled && setState({ options: Array.isArray(options) ? options : [], loading: false, error: null }),
      (e: unknown) =>
        !cancelled && setState({ options: [], loading: false, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, nonce]);
  return { ...state, reload: () => setNonce((n) => n + 1) };
}

export function DynamicSelectWidget(p: WidgetProps) {
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

export function MultiSelectWidget(p: WidgetProps) {
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
            <button
              type="button"
              data-testid={`remove-${p.path}-${String(v)}`}
              onClick={() => p.set(list.filter((x) => x !== v))}
            >
              ×
            </button>
          </span>
        ))}
      </div>
      {dynamic ? (
        <Combobox
          testId={p.testId}
          value={null}
          options={remaining}
          loading={o.loading}
          error={o.error}
          onReload={o.reload}
          allowFree
          onChange={(v) => v !== '' && v !== null && add(v)}
          placeholder="Add…"
        />
      ) : (
        <select
          id={p.testId}
          data-testid={p.testId}
          value=""
          onChange={(e) => {
            const i = Number(e.target.value);
            if (!Number.isNaN(i) && remaining[i]) add(remaining[i].value);
          }}
        >
          <option value="">{remaining.length ? 'Add…' : 'All chosen'}</option>
          {remaining.map((x, i) => (
            <option key={i} value={String(i)} title={x.description || undefined}>
              {x.name}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}

export function LocatorWidget(p: WidgetProps) {
  const modes = p.f.ui.modes ?? [];
  const value = isLocator(p.value)
    ? p.value
    : {
        __rl: true as const,
        mode: modes.find((m) => m.name === 'id')?.name ?? modes[0]?.name ?? 'id',
        value: (p.value ?? '') as Json,
      };
  const mode = modes.find((m) => m.name === value.mode) ?? modes[0];
  const o = useDynamicOptions(mode?.dynamicOptions, p.scope);
  const setValue = (v: Json) => {
    if (typeof v === 'string' && maybeExpression(p, v)) return;
    p.set({ __rl: true, mode: value.mode, value: v });
  };
  return (
    <div className="locator">
      <select
        className="locator-mode"
        data-testid={`${p.testId}-mode`}
        value={value.mode}
        onChange={(e) => p.set({ __rl: true, mode: e.target.value, value: value.value })}
      >
        {modes.map((m) => (
          <option key={m.name} value={m.name}>
            {m.displayName}
          </option>
        ))}
      </select>
      <div className="locator-value">
        {mode?.dynamicOptions ? (
          <Combobox
            testId={p.testId}
            value={value.value}
            options={o.options}
            loading={o.loading}
            error={o.error}
            allowFree
            onReload={o.reload}
            onChange={setValue}
            placeholder={mode.placeholder}
            invalid={p.invalid}
          />
        ) : (
          <input
            id={p.testId}
            data-testid={p.testId}
            className={p.invalid ? 'invalid' : ''}
            type="text"
            value={asText(value.value)}
            placeholder={mode?.placeholder}
            onChange={(e) => setValue(e.target.value)}
          />
        )}
      </div>
    </div>
  );
}
