import type { CredentialRequirement, NodeType, WorkflowNode } from '../api/types';
import { matchesDisplayOptions, rootScope } from '../form/displayOptions';
import { type Issues, validate } from '../form/model';
import type { FieldDef } from '../form/schema';
import { schemaFields } from '../state/catalog';

export interface NodeIssues {
  /** parameter messages by value path */
  parameters: Issues;
  /** missing credentials by credential type */
  credentials: Record<string, string>;
  /** everything, as sentences for the canvas tooltip */
  all: string[];
}

/** The credential types a node asks for with its current parameters. */
export function credentialRequirements(node: WorkflowNode, type: NodeType | undefined): CredentialRequirement[] {
  if (!type) return [];
  const fields = schemaFields(type.schema);
  // x-node has the requirements with their display options; the list entry may only name the types
  const listed = type.credentials ?? [];
  const reqs: CredentialRequirement[] =
    type.schema?.['x-node']?.credentials ??
    listed.map((c) => (typeof c === 'string' ? { type: c, required: true } : c));
  const scope = rootScope(node.parameters, fields, node.typeVersion);
  return reqs
    .filter((r) => matchesDisplayOptions(r.displayOptions, scope))
    .flatMap((r) => {
      if (r.type !== ANY_REQUEST_AUTHENTICATION) return [r];
      // HTTP Request's "Predefined Credential Type": the type the user named in nodeCredentialType
      const named = node.parameters.nodeCredentialType;
      return typeof named === 'string' && named && !named.startsWith('=') ? [{ ...r, type: named }] : [];
    });
}

/** A requirement that stands for any credential type that declares how it signs HTTP requests. */
export const ANY_REQUEST_AUTHENTICATION = '*requestAuthentication';

function titleOf(fields: FieldDef[], path: string): string {
  const first = path.split(/[.[]/)[0];
  return fields.find((f) => f.name === first)?.title ?? first;
}

export function nodeIssues(
  node: WorkflowNode,
  type: NodeType | undefined,
  credentialTypeName: (t: string) => string,
): NodeIssues {
  if (!type) {
    return { parameters: {}, credentials: {}, all: [`Unknown node type "${node.type}"`] };
  }
  const fields = schemaFields(type.schema);
  const parameters = validate(fields, node.parameters, { expressions: true, version: node.typeVersion });
  const credentials: Record<string, string> = {};
  for (const r of credentialRequirements(node, type)) {
    if (r.required && !node.credentials?.[r.type]?.id) {
      credentials[r.type] = `Credentials for "${credentialTypeName(r.type)}" are not set`;
    }
  }
  const all = [
    // a statement about the value ("'SQL Query' is not supported…") follows a colon, a predicate ("is required") a space
    ...Object.entries(parameters).map(
      ([p, m]) => `Parameter "${titleOf(fields, p)}"${m.startsWith("'") ? ': ' : ' '}${m}`,
    ),
    ...Object.values(credentials),
  ];
  return { parameters, credentials, all };
}
