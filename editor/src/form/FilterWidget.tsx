import type { Json, JsonObject } from '../api/types';
import { isObject } from './values';

/** One of n8n's filter operators, as the server lists them in `x-ui.operators`. */
export interface FilterOperatorWire {
  value: string;
  type: string;
  operation: string;
  name: string;
  singleValue?: boolean;
  rightType?: string;
}

interface Props {
  value: unknown;
  operators: FilterOperatorWire[];
  testId: string;
  set: (v: Json) => void;
}

const TYPE_LABELS: Record<string, string> = {
  string: 'String',
  number: 'Number',
  dateTime: 'Date & Time',
  boolean: 'Boolean',
  array: 'Array',
  object: 'Object',
  any: 'Any',
};

/** The operator id ("string:equals") of a stored condition: n8n's object form or Hearth's earlier text form. */
export function operatorId(op: unknown): string {
  if (typeof op === 'string') return op;
  if (isObject(op) && typeof op.type === 'string' && typeof op.operation === 'string')
    return `${op.type}:${op.operation}`;
  return 'string:equals';
}

/** n8n's operator object for an id, as n8n's editor stores it. */
export function operatorValue(id: string, operators: FilterOperatorWire[]): JsonObject {
  const o = operators.find((x) => x.value === id);
  const [type, operation] = id.split(':');
  const out: JsonObject = { type: o?.type ?? type, operation: o?.operation ?? operation };
  if (o?.rightType) out.rightType = o.rightType;
  if (o?.singleValue) out.singleValue = true;
  return out;
}

/**
 * n8n's filter parameter: conditions (left value, operator, right value) combined with AND/OR. The
 * value keeps n8n's shape, {conditions, combinator, options}, and every other key it had.
 */
export function FilterWidget({ value, operators, testId, set }: Props) {
  const filter: JsonObject = isObject(value) ? value : {};
  const conditions: JsonObject[] = Array.isArray(filter.conditions) ? filter.conditions.filter(isObject) : [];
  const combinator = filter.combinator === 'or' ? 'or' : 'and';
  const update = (next: Partial<JsonObject>) =>
    set({
      options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 1 },
      ...filter,
      combinator,
      conditions,
      ...next,
    });
  const setCondition = (i: number, c: JsonObject) =>
    update({ conditions: conditions.map((x, j) => (j === i ? c : x)) });
  return (
    <div className="filter" data-testid={testId}>
      {conditions.map((c, i) => {
        const id = operatorId(c.operator);
        const single = operators.find((o) => o.value === id)?.singleValue;
        return (
          <div className="filter-condition" key={i} data-testid={`${testId}-condition-${i}`}>
            <input
              aria-label="Value 1"
              data-testid={`${testId}-left-${i}`}
              value={asText(c.leftValue)}
              placeholder="value"
              onChange={(e) => setCondition(i, { ...c, leftValue: e.target.value })}
            />
            <select
              aria-label="Operator"
              data-testid={`${testId}-operator-${i}`}
              value={id}
              onChange={(e) => setCondition(i, { ...c, operator: operatorValue(e.target.value, operators) })}
            >
              {Object.keys(TYPE_LABELS).map((type) => (
                <optgroup key={type} label={TYPE_LABELS[type]}>
                  {operators
                    .filter((o) => o.type === type)
                    .map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.name}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
            {!single && (
              <input
                aria-label="Value 2"
                data-testid={`${testId}-right-${i}`}
                value={asText(c.rightValue)}
                placeholder="value"
                onChange={(e) => setCondition(i, { ...c, rightValue: e.target.value })}
              />
            )}
            <button
              type="button"
              className="icon-btn remove"
              title="Remove condition"
              data-testid={`${testId}-remove-${i}`}
              onClick={() => update({ conditions: conditions.filter((_, j) => j !== i) })}
            >
              ×
            </button>
          </div>
        );
      })}
      <div className="filter-tools">
        <button
          type="button"
          data-testid={`${testId}-add`}
          onClick={() =>
            update({
              conditions: [
                ...conditions,
                { leftValue: '', rightValue: '', operator: operatorValue('string:equals', operators) },
              ],
            })
          }
        >
          Add condition
        </button>
        {conditions.length > 1 && (
          <select
            aria-label="Combine"
            data-testid={`${testId}-combinator`}
            value={combinator}
            onChange={(e) => update({ combinator: e.target.value })}
          >
            <option value="and">AND</option>
            <option value="or">OR</option>
          </select>
        )}
      </div>
    </div>
  );
}

function asText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
