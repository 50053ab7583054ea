import { ApiError } from '../api/client';
import type { Credential, JsonObject } from '../api/types';
import { rootScope } from '../form/displayOptions';
import { type Issues, visibleFields } from '../form/model';
import type { FieldDef } from '../form/schema';

/** How the credential form holds a stored credential and what it sends back: secrets are never shown or resent. */
export const MASK = '******';

export function isSecret(f: FieldDef): boolean {
  return !!f.ui.secret || f.widget === 'password' || !!f.valueSchema.writeOnly;
}

/** The stored credential as the form holds it: masked secrets become empty inputs, remembered as set. */
export function formStateOf(
  credential: Credential | undefined,
  fields: FieldDef[],
): { values: JsonObject; secretsSet: string[] } {
  const values: JsonObject = {};
  const secretsSet = new Set(credential?.secretsSet ?? []);
  for (const [k, v] of Object.entries(credential?.data ?? {})) {
    const f = fields.find((x) => x.name === k);
    if (v === MASK && (!f || isSecret(f))) {
      secretsSet.add(k);
    } else {
      values[k] = v;
    }
  }
  return { values, secretsSet: [...secretsSet] };
}

/**
 * The data sent to the server: every shown field (its default when untouched); a stored secret
 * left empty is left out, so the server keeps it (it is never sent back to the browser).
 */
export function dataToSend(fields: FieldDef[], values: JsonObject, secretsSet: string[]): JsonObject {
  const out: JsonObject = {};
  for (const f of visibleFields(fields, rootScope(values, fields))) {
    if (!f.holdsValue) continue;
    const v = values[f.name];
    if (isSecret(f) && secretsSet.includes(f.name) && (v === undefined || v === '' || v === MASK)) continue;
    const value = v === undefined || v === null ? f.default : v;
    if (value !== undefined) out[f.name] = value;
  }
  return out;
}

/** The server's field problems under `data.` as the form's issues. */
export function issuesFromError(e: unknown): Issues {
  const out: Issues = {};
  if (e instanceof ApiError) {
    for (const err of e.errors) {
      const m = /^data\.(.+)$/.exec(err.path);
      if (m) out[m[1]] = err.message;
    }
  }
  return out;
}
