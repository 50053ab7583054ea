import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import {
  type Completion,
  type CompletionContext,
  complete,
  type Suggestion,
  syntaxError,
  tokenize,
} from './expressionSyntax';

/** Where the caret goes after "{{" is typed: between "{{ " and " }}". */
export function closeBraces(text: string, caret: number): { text: string; caret: number } | null {
  const before = text.substring(0, caret);
  const after = text.substring(caret);
  if (!before.endsWith('{{') || after.startsWith('}}') || after.startsWith(' }}')) return null;
  return { text: `${before}  }}${after}`, caret: caret + 1 };
}

/**
 * Typing in a template as n8n's editor does: "{{" closes as "{{ | }}"; a space typed right after the
 * opening, or a "}" / " " typed where the closing already stands, steps over it. So typing
 * "Hello {{ $json.name }}!" key by key gives exactly that text. `text` and `caret` are after the
 * browser inserted `typed`.
 */
export function afterTyping(text: string, caret: number, typed: string): { text: string; caret: number } {
  if (typed === '{') return closeBraces(text, caret) ?? { text, caret };
  const before = text.substring(0, caret);
  const after = text.substring(caret);
  const without = before.substring(0, before.length - 1);
  if (typed === ' ' && after.startsWith(' }}')) {
    // right after "{{ ": the space is already there; before the closing: step over its space
    return without.endsWith('{{ ') ? { text: without + after, caret: caret - 1 } : { text: without + after, caret };
  }
  if (typed === '}' && after.startsWith('}')) return { text: without + after, caret };
  if (typed === '}' && after.startsWith(' }}')) return { text: without + after, caret: caret + 1 };
  return { text, caret };
}

export interface ExpressionEditorProps {
  /** the template without n8n's leading "=" */
  value: string;
  onChange: (template: string) => void;
  testId: string;
  /** put the caret here and focus when shown (the field just switched to an expression) */
  initialCaret?: number | null;
  completion: CompletionContext;
  rows?: number;
}

/**
 * An inline expression editor as n8n's: the template with its {{ }} segments highlighted, "{{"
 * closed as "{{ | }}" in place, autocompletion of $json fields, node names and extension functions,
 * and syntax errors shown while typing. A transparent textarea over a highlighted copy keeps the
 * browser's own caret, selection, undo and IME.
 */
export function ExpressionEditor({ value, onChange, testId, initialCaret, completion, rows }: ExpressionEditorProps) {
  const input = useRef<HTMLTextAreaElement>(null);
  const mirror = useRef<HTMLPreElement>(null);
  const pendingCaret = useRef<number | null>(initialCaret ?? null);
  const [suggest, setSuggest] = useState<(Completion & { active: number }) | null>(null);
  const [focused, setFocused] = useState(false);

  useLayoutEffect(() => {
    const el = input.current;
    if (el && pendingCaret.current !== null) {
      const c = Math.min(pendingCaret.current, el.value.length);
      pendingCaret.current = null;
      if (document.activeElement !== el) el.focus();
      el.setSelectionRange(c, c);
    }
  });

  // the suggestions open below the field, which may be the last one a panel shows: they (and the one
  // chosen with the arrows) are scrolled into view, or the person typing would not see them
  const list = useRef<HTMLUListElement>(null);
  const shownActive = suggest ? suggest.active : -1;
  useEffect(() => {
    if (shownActive < 0 || !list.current) return;
    list.current.scrollIntoView?.({ block: 'nearest' });
    (list.current.children[shownActive] as HTMLElement | undefined)?.scrollIntoView?.({ block: 'nearest' });
  }, [shownActive]);

  const refreshSuggestions = (text: string, caret: number) => {
    const c = complete(text.substring(0, caret), completion);
    setSuggest(c && c.options.length ? { ...c, active: 0 } : null);
  };

  const apply = (s: Suggestion) => {
    const el = input.current;
    if (!el || !suggest) return;
    const caret = el.selectionStart;
    const start = caret - (s.replace ?? suggest.replace);
    const text = el.value.substring(0, start) + s.insert + el.value.substring(caret);
    pendingCaret.current = start + s.insert.length;
    onChange(text);
    setSuggest(null);
  };

  const error = syntaxError(value);
  const lines = Math.min(8, Math.max(rows ?? 1, value.split('\n').length));
  return (
    <div className={`expression-editor${focused ? ' focused' : ''}${error ? ' has-syntax-error' : ''}`}>
      <pre ref={mirror} className="expr-highlight" aria-hidden="true">
        {tokenize(value).map((t, i) => (
          <span key={i} className={`tok-${t.kind}`}>
            {t.text}
          </span>
        ))}
        {'\n'}
      </pre>
      <textarea
        ref={input}
        id={testId}
        data-testid={testId}
        className="expr-input"
        rows={lines}
        value={value}
        spellCheck={false}
        autoComplete="off"
        onFocus={() => setFocused(true)}
        onBlur={() => {
          setFocused(false);
          setSuggest(null);
        }}
        onScroll={(e) => {
          if (mirror.current) mirror.current.scrollTop = e.currentTarget.scrollTop;
        }}
        onChange={(e) => {
          const el = e.currentTarget;
          let text = el.value;
          let caret = el.selectionStart;
          const native = e.nativeEvent as InputEvent;
          if (native.inputType === 'insertText' && native.data && native.data.length === 1) {
            const typed = afterTyping(text, caret, native.data);
            if (typed.text !== text || typed.caret !== caret) {
              text = typed.text;
              caret = typed.caret;
              pendingCaret.current = caret;
            }
          }
          onChange(text);
          refreshSuggestions(text, caret);
        }}
        onKeyDown={(e) => {
          if (!suggest) return;
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            const n = suggest.options.length;
            setSuggest({ ...suggest, active: (suggest.active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n });
          } else if (e.key === 'Enter' || e.key === 'Tab') {
            e.preventDefault();
            apply(suggest.options[suggest.active]);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            setSuggest(null);
          }
        }}
      />
      {suggest && (
        <ul ref={list} className="expr-suggestions" role="listbox" data-testid={`${testId}-suggestions`}>
          {suggest.options.slice(0, 40).map((s, i) => (
            <li
              key={`${s.label}-${i}`}
              role="option"
              aria-selected={i === suggest.active}
              className={i === suggest.active ? 'active' : ''}
              data-testid={`suggestion-${s.label}`}
              onMouseDown={(e) => {
                e.preventDefault();
                apply(s);
              }}
            >
              <span className="label">{s.label}</span>
              {s.detail && <span className="detail">{s.detail}</span>}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <div className="field-error expr-syntax-error" data-testid={`${testId}-syntax-error`}>
          {error}
        </div>
      )}
    </div>
  );
}
