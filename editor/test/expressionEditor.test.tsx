import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { afterTyping, ExpressionEditor } from '../src/form/ExpressionEditor';
import { complete, syntaxError, tokenize } from '../src/form/expressionSyntax';

/** Types a text key by key as the browser would: insert at the caret, then the editor's rules. */
function typeKeys(start: string, keys: string): string {
  let text = start;
  let caret = start.length;
  for (const k of keys) {
    text = text.substring(0, caret) + k + text.substring(caret);
    caret++;
    ({ text, caret } = afterTyping(text, caret, k));
  }
  return text;
}

describe('typing in an expression', () => {
  it('closes {{ in place and steps over what it closed, so every keystroke lands', () => {
    expect(typeKeys('', 'Hello {{')).toBe('Hello {{  }}');
    expect(typeKeys('', 'Hello {{ $json.name }}!')).toBe('Hello {{ $json.name }}!');
    expect(typeKeys('', '{{$json.a}}')).toBe('{{ $json.a }}');
    expect(typeKeys('', 'a {{ 1 }} b {{ 2 }}')).toBe('a {{ 1 }} b {{ 2 }}');
  });

  it('highlights the code segments and reports an unclosed one while typing', () => {
    expect(tokenize('Hi {{ $json.name }}').map((t) => t.kind)).toEqual([
      'text',
      'brace',
      'space',
      'variable',
      'punctuation',
      'property',
      'space',
      'brace',
    ]);
    expect(syntaxError('=Hi {{ $json.name')).toBe('The expression is missing its closing "}}"');
    expect(syntaxError('={{ $json.a( }}')).toBe('Missing ")" in the expression');
    expect(syntaxError('={{ "}}" }}')).toBeNull();
  });

  it('suggests $json fields of the input item, node names and extension functions', () => {
    const ctx = {
      item: { entity_id: 'light.bed', attributes: { brightness: 10 } },
      nodeNames: ['Home Assistant', 'Webhook'],
    };
    expect(complete('{{ $json.', ctx)!.options.map((o) => o.label)).toEqual(
      expect.arrayContaining(['entity_id', 'attributes']),
    );
    expect(complete('{{ $json.attributes.br', ctx)!.options[0].label).toBe('brightness');
    expect(complete("{{ $('Hom", ctx)!.options.map((o) => o.insert)).toEqual(["Home Assistant')"]);
    expect(complete('{{ $json.entity_id.toUp', ctx)!.options[0].label).toBe('toUpperCase()');
    expect(complete('{{ $no', ctx)!.options[0].label).toBe('$now');
    expect(complete('no braces $json.', ctx)).toBeNull();
  });

  it("completes a field whose name is not an identifier as $json['name']", () => {
    const ctx = { item: { 'friendly name': 'Bed', "it's": 1 }, nodeNames: [] };
    expect(complete('{{ $json.fri', ctx)!.options[0]).toMatchObject({
      label: 'friendly name',
      insert: "['friendly name']",
      replace: 4,
    });
    expect(complete('{{ $json.', ctx)!.options[1]).toMatchObject({ insert: "['it\\'s']", replace: 1 });
  });

  it('keeps focus and puts the caret where it was asked to', () => {
    function Host() {
      const [v, setV] = useState('Hello {{  }}');
      return <ExpressionEditor value={v} onChange={setV} testId="e" initialCaret={9} completion={{ nodeNames: [] }} />;
    }
    render(<Host />);
    const el = screen.getByTestId<HTMLTextAreaElement>('e');
    expect(document.activeElement).toBe(el);
    expect(el.selectionStart).toBe(9);
    fireEvent.change(el, { target: { value: 'Hello {{ x }}' } });
    expect(el.value).toBe('Hello {{ x }}');
  });
});
