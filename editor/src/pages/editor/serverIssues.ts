import type { FieldError } from '../../api/client';
import type { Workflow } from '../../api/types';
import type { Issues } from '../../form/model';

/** The server's issues of one node: parameter messages by path, and whole sentences for the canvas. */
export interface ServerNodeIssues {
  parameters: Issues;
  texts: string[];
}

/**
 * Maps the server's issues (`[{path: "nodes[2].parameters.entityId", message, text}]`, from a save
 * answer or a refused run/activation) to the nodes they name.
 */
export function issuesByNode(errors: FieldError[], wf: Workflow): Record<string, ServerNodeIssues> {
  const out: Record<string, ServerNodeIssues> = {};
  for (const err of errors) {
    const m = /^nodes\[(\d+)\](?:\.parameters\.(.+))?/.exec(err.path);
    const node = m ? wf.nodes[Number(m[1])] : undefined;
    if (!node) continue;
    const entry = (out[node.name] ??= { parameters: {}, texts: [] });
    if (m![2]) entry.parameters[m![2]] = err.message;
    entry.texts.push(err.text ?? `${err.path}: ${err.message}`);
  }
  return out;
}
