import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { Json } from '../src/api/types';
import { FilterWidget, type FilterOperatorWire, operatorId } from '../src/form/FilterWidget';

const operators: FilterOperatorWire[] = [
  { value: 'string:equals', type: 'string', operation: 'equals', name: 'is equal to' },
  { value: 'number:gt', type: 'number', operation: 'gt', name: 'is greater than' },
  { value: 'array:contains', type: 'array', operation: 'contains', name: 'contains', rightType: 'any' },
  { value: 'object:notEmpty', type: 'object', operation: 'notEmpty', name: 'is not empty', singleValue: true },
];

function renderFilter(initial: Json) {
  const seen: Json[] = [];
  function Harness() {
    const [value, setValue] = useState<Json>(initial);
    return (
      <FilterWidget
        value={value}
        operators={operators}
        testId="f"
        set={(v) => {
          seen.push(v);
          setValue(v);
        }}
      />
    );
  }
  render(<Harness />);
  return () => seen[seen.length - 1] as Record<string, unknown>;
}

describe('filter widget (n8n filter parameter)', () => {
  it("stores operators in n8n's object form and keeps the filter's other keys", () => {
    const last = renderFilter({
      conditions: [
        { id: 'c1', leftValue: '={{ $json.n }}', rightValue: 5, operator: { type: 'number', operation: 'gt' } },
      ],
      options: { caseSensitive: false, typeValidation: 'loose', version: 2 },
    });
    fireEvent.change(screen.getByTestId('f-operator-0'), { target: { value: 'array:contains' } });
    const v = last();
    expect(v.options).toEqual({ caseSensitive: false, typeValidation: 'loose', version: 2 });
    expect((v.conditions as Record<string, unknown>[])[0]).toEqual({
      id: 'c1',
      leftValue: '={{ $json.n }}',
      rightValue: 5,
      operator: { type: 'array', operation: 'contains', rightType: 'any' },
    });
  });

  it('hides the second value for single-value operators and adds conditions combined with AND by default', () => {
    const last = renderFilter({});
    fireEvent.click(screen.getByTestId('f-add'));
    fireEvent.change(screen.getByTestId('f-operator-0'), { target: { value: 'object:notEmpty' } });
    expect(screen.queryByTestId('f-right-0')).toBeNull();
    fireEvent.click(screen.getByTestId('f-add'));
    fireEvent.change(screen.getByTestId('f-combinator'), { target: { value: 'or' } });
    const v = last();
    expect(v.combinator).toBe('or');
    expect((v.conditions as unknown[]).length).toBe(2);
  });

  it("reads Hearth's earlier text form of an operator", () => {
    expect(operatorId('number:gt')).toBe('number:gt');
    expect(operatorId({ type: 'string', operation: 'equals' })).toBe('string:equals');
  });
});
