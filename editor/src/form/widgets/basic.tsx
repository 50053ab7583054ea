import { useEffect, useRef, useState } from 'react';
import { type WidgetProps, useFormEnv } from '../context';
import { closeBraces } from '../ExpressionEditor';

export function asText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * Typing "{{" turns an expression-capable field into an expression as in n8n: the braces close in
 * place ("{{ | }}") and the caret stays between them, in the expression editor that takes the field.
 */
export function maybeExpression(p: WidgetProps, text: string, caret?: number | null): boolean {
  if (!p.onExpression || !text.includes('{{')) return false;
  const at = caret ?? text.length;
  const closed = closeBraces(text, at) ?? { text, caret: at };
  p.onExpression(`=${closed.text}`, closed.caret);
  return true;
}

export function TextWidget(p: WidgetProps) {
  const env = useFormEnv();
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
        if (!maybeExpression(p, e.target.value, e.target.selectionStart)) p.set(e.target.value);
      }}
    />
  );
}

export function TextAreaWidget(p: WidgetProps) {
  return (
    <textarea
      id={p.testId}
      data-testid={p.testId}
      className={p.invalid ? 'invalid' : ''}
      rows={p.f.ui.rows ?? 4}
      value={asText(p.value)}
      placeholder={p.f.ui.placeholder}
      onChange={(e) => {
        if (!maybeExpression(p, e.target.value, e.target.selectionStart)) p.set(e.target.value);
      }}
    />
  );
}

export function NumberWidget(p: WidgetProps) {
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

export function ToggleWidget(p: WidgetProps) {
  const checked = p.value === true || p.value === 'true';
  return (
    <label className="switch">
      <input
        id={p.testId}
        data-testid={p.testId}
        type="checkbox"
        checked={checked}
        onChange={(e) => p.set(e.target.checked)}
      />
      <span className="slider" />
    </label>
  );
}

export function JsonWidget(p: WidgetProps) {
  const text =
    typeof p.value === 'string'
      ? p.value
      : p.value === undefined || p.value === null
        ? ''
        : JSON.stringify(p.value, null, 2);
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
        if (!maybeExpression(p, e.target.value, e.target.selectionStart)) p.set(e.target.value);
      }}
    />
  );
}

export function DateTimeWidget(p: WidgetProps) {
  const text = asText(p.value);
  const local = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(text) ? text : '';
  return (
    <div className="inline">
      <input
        id={p.testId}
        data-testid={p.testId}
        className={p.invalid ? 'invalid' : ''}
        type="text"
        value={text}
        placeholder={p.f.ui.placeholder ?? 'YYYY-MM-DDTHH:mm:ss'}
        onChange={(e) => {
          if (!maybeExpression(p, e.target.value, e.target.selectionStart)) p.set(e.target.value);
        }}
      />
      <input
        type="datetime-local"
        className="picker"
        data-testid={`${p.testId}-picker`}
        value={local}
        step={1}
        onChange={(e) => p.set(e.target.value)}
        title="Pick a date and time"
      />
    </div>
  );
}

export function ColorWidget(p: WidgetProps) {
  const text = asText(p.value);
  return (
    <div className="inline">
      <input
        type="color"
        data-testid={`${p.testId}-picker`}
        value={/^#[0-9a-fA-F]{6}$/.test(text) ? text : expandColor(text)}
        onChange={(e) => p.set(e.target.value)}
      />
      <input
        id={p.testId}
        data-testid={p.testId}
        className={p.invalid ? 'invalid' : ''}
        type="text"
        value={text}
        onChange={(e) => {
          if (!maybeExpression(p, e.target.value, e.target.selectionStart)) p.set(e.target.value);
        }}
      />
    </div>
  );
}

function expandColor(c: string): string {
  const m = /^#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])$/.exec(c);
  return m ? `#${m[1]}${m[1]}${m[2]}${m[2]}${m[3]}${m[3]}` : '#000000';
}
