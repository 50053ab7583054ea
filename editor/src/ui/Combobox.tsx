import { useEffect, useMemo, useRef, useState } from 'react';
import type { Json, LoadedOption } from '../api/types';
import { Icon } from './icons';

export interface ComboboxProps {
  value: Json | undefined;
  options: LoadedOption[];
  onChange: (value: Json) => void;
  testId: string;
  loading?: boolean;
  error?: string | null;
  /** accept a typed value that is no option (always so when loading failed) */
  allowFree?: boolean;
  placeholder?: string;
  onReload?: () => void;
  invalid?: boolean;
}

/** A searchable dropdown, n8n style: type to filter, click or Enter to pick, free text when allowed. */
export function Combobox(props: ComboboxProps) {
  const { value, options, onChange, testId, loading, error, placeholder, onReload, invalid } = props;
  const allowFree = props.allowFree || !!error;
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [typed, setTyped] = useState(false);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);

  const selected = options.find((o) => sameOption(o.value, value));
  const label = selected ? selected.name : value === undefined || value === null ? '' : String(value);

  const filtered = useMemo(() => {
    if (!typed || !text) return options;
    const q = text.toLowerCase();
    return options.filter((o) => o.name.toLowerCase().includes(q) || String(o.value).toLowerCase().includes(q));
  }, [options, text, typed]);

  useEffect(() => setActive(0), [text, open]);

  const commit = (v: Json) => {
    onChange(v);
    setOpen(false);
    setTyped(false);
    setText('');
  };

  return (
    <div className={`combobox${invalid ? ' invalid' : ''}`}>
      <div className="combobox-control">
        <input
          ref={inputRef}
          data-testid={testId}
          role="combobox"
          aria-expanded={open}
          value={typed ? text : label}
          placeholder={
            loading ? 'Loading options…' : (placeholder ?? (allowFree ? 'Select or type a value' : 'Select…'))
          }
          onFocus={() => setOpen(true)}
          onClick={() => setOpen(true)}
          onChange={(e) => {
            setTyped(true);
            setText(e.target.value);
            setOpen(true);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((a) => Math.min(a + 1, filtered.length - 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(a - 1, 0));
            } else if (e.key === 'Enter') {
              e.preventDefault();
              if (filtered[active]) commit(filtered[active].value);
              else if (allowFree && typed) commit(text);
            } else if (e.key === 'Escape') {
              setOpen(false);
              setTyped(false);
            }
          }}
          onBlur={() => {
            if (typed && allowFree && text !== label) {
              const exact = options.find((o) => o.name === text || String(o.value) === text);
              onChange(exact ? exact.value : text);
            }
            setOpen(false);
            setTyped(false);
          }}
        />
        {onReload && (
          <button
            type="button"
            className="icon-btn"
            title="Reload options"
            data-testid={`${testId}-reload`}
            onMouseDown={(e) => e.preventDefault()}
            onClick={onReload}
          >
            <Icon name="refresh" size={14} />
          </button>
        )}
      </div>
      {open && (
        <div className="combobox-list" role="listbox" data-testid={`${testId}-options`}>
          {loading && <div className="combobox-empty">Loading…</div>}
          {!loading && filtered.length === 0 && (
            <div className="combobox-empty">{allowFree && typed && text ? `Use "${text}"` : 'No options'}</div>
          )}
          {filtered.slice(0, 500).map((o, i) => (
            <div
              key={`${String(o.value)}-${i}`}
              role="option"
              aria-selected={sameOption(o.value, value)}
              data-testid={`option-${String(o.value)}`}
              className={`combobox-option${i === active ? ' active' : ''}${sameOption(o.value, value) ? ' selected' : ''}`}
              onMouseDown={(e) => {
                e.preventDefault();
                commit(o.value);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <div className="option-name">{o.name}</div>
              {o.description ? <div className="option-desc">{o.description}</div> : null}
            </div>
          ))}
        </div>
      )}
      {error && (
        <div className="field-warning" data-testid={`${testId}-load-error`}>
          Could not load options: {error}. Type a value or an expression instead.
        </div>
      )}
    </div>
  );
}

function sameOption(a: unknown, b: unknown): boolean {
  return a === b || (a !== null && b !== null && a !== undefined && b !== undefined && String(a) === String(b));
}
