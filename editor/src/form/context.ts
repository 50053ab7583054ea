import { createContext, useContext } from 'react';
import type { Json, JsonObject, LoadedOption } from '../api/types';
import type { Scope } from './displayOptions';
import type { Issues } from './model';
import type { FieldDef } from './schema';

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
  /** the node's input item (last run or pinned data), for expression previews and $json completion */
  previewItem?: JsonObject;
  /** the workflow's other node names, for $('...') completion */
  nodeNames?: string[];
  /** evaluates an expression on the server (in the workflow, on the input item); the local preview otherwise */
  evaluate?: (expression: string) => Promise<{ ok: boolean; text: string }>;
  /** credential form: the secrets that are stored (shown masked, kept when left empty) */
  secretsSet?: string[];
  /** data-testid prefix of the controls: "param-" for node parameters, "cred-" for credential fields */
  testIdPrefix?: string;
}

export interface Env extends FormEnv {
  rootValues: JsonObject;
  testIdPrefix: string;
  issues: Issues;
}

export const EnvContext = createContext<Env>({
  expressions: false,
  rootValues: {},
  testIdPrefix: 'param-',
  issues: {},
});

export function useFormEnv(): Env {
  return useContext(EnvContext);
}

export interface FieldProps {
  f: FieldDef;
  value: unknown;
  set: (v: Json | undefined) => void;
  scope: Scope;
  path: string;
  onRemove?: () => void;
}

export interface WidgetProps extends FieldProps {
  testId: string;
  invalid: boolean;
  /** turns the field into an expression (typing "{{"), with the caret where it goes */
  onExpression?: (text: string, caret?: number) => void;
}

/** The drag type of a field dragged from a schema view onto a parameter: its text is `{{ $json.path }}`. */
export const FIELD_DRAG_TYPE = 'application/x-hearth-field';
