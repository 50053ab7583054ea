import { api } from '../api/client';
import type { JsonObject, NodeType, Settings, WebhookInfo, Workflow, WorkflowNode } from '../api/types';
import { type Issues, prune } from '../form/model';
import { ParameterForm } from '../form/ParameterForm';
import type { schemaFields } from '../state/catalog';
import type { NodeIssues } from '../workflow/issues';
import { CredentialSelectors } from './CredentialSelectors';
import { CurlImportButton, isHttpRequest } from './CurlImportButton';
import type { useMigratedParameters } from './useMigratedParameters';
import type { useNodeRunData } from './useNodeRunData';
import { WebhookUrls } from './WebhookUrls';

export interface ParametersTabProps {
  workflow: Workflow;
  node: WorkflowNode;
  type: NodeType;
  fields: ReturnType<typeof schemaFields>;
  isTrigger: boolean;
  migration: ReturnType<typeof useMigratedParameters>;
  previewItem: JsonObject | undefined;
  evaluate: ReturnType<typeof useNodeRunData>['evaluate'];
  issues: NodeIssues | undefined;
  serverIssues: Issues;
  webhooks: WebhookInfo[];
  settings: Settings | null;
  listening: boolean;
  onListen: () => void;
  onChange: (name: string, update: (node: WorkflowNode) => WorkflowNode, key: string) => void;
}

/** The Parameters tab: webhook URLs, cURL import, credentials, the (migrated) parameter form. */
export function ParametersTab(props: ParametersTabProps) {
  const { workflow, node, type, fields, migration, onChange } = props;
  const { migrated } = migration;
  const name = node.name;
  const formVersion = migrated ? migrated.typeVersion : node.typeVersion;
  const formValues = migrated && !migration.edited ? migrated.parameters : node.parameters;
  const setParams = (v: JsonObject) => {
    if (migrated && !migrated.editable) return;
    if (migrated) migration.markEdited();
    onChange(name, (n) => ({ ...n, parameters: prune(fields, v, formVersion ?? n.typeVersion) }), `params:${name}`);
  };
  return (
    <>
      {type.description && <div className="node-description">{type.description}</div>}
      {props.isTrigger && fields.some((f) => f.name === 'path') && (
        <WebhookUrls
          node={node}
          fields={fields}
          webhooks={props.webhooks}
          settings={props.settings}
          listening={props.listening}
          onListen={props.onListen}
        />
      )}
      {isHttpRequest(node.type) && (
        <CurlImportButton
          onImport={(parameters) =>
            onChange(
              name,
              (n) => ({
                ...n,
                typeVersion: n.typeVersion >= 3 ? n.typeVersion : 4.2,
                parameters,
              }),
              `curl:${name}`,
            )
          }
        />
      )}
      <CredentialSelectors
        node={node}
        type={type}
        issues={props.issues?.credentials ?? {}}
        onSelect={(credType, c) =>
          onChange(
            name,
            (n) => {
              const creds = { ...(n.credentials ?? {}) };
              if (c) creds[credType] = { id: c.id, name: c.name };
              else delete creds[credType];
              return { ...n, credentials: creds };
            },
            `creds:${name}`,
          )
        }
      />
      {migrated && (
        <div
          className={migrated.editable ? 'hint migrated-notice' : 'form-error migrated-notice'}
          data-testid="migrated-notice"
        >
          {type.displayName} version {node.typeVersion} (n8n’s), shown as Hearth reads it: version{' '}
          {migrated.typeVersion}’s parameters ({migrated.steps.join('; ')}).
          {migrated.unshown.length > 0 &&
            ` The node also reads ${migrated.unshown.join(', ')}, which this form cannot show.`}
          {migrated.editable
            ? ' Changes are saved in this form; the node keeps its version.'
            : ` This version’s parameters cannot be edited here: add a new ${type.displayName} node to change them.`}
        </div>
      )}
      <fieldset className="migrated-form" disabled={!!migrated && !migrated.editable} data-testid="parameter-fieldset">
        <ParameterForm
          fields={fields}
          values={formValues}
          onChange={setParams}
          env={{
            expressions: true,
            version: formVersion ?? node.typeVersion,
            issues: { ...(props.issues?.parameters ?? {}), ...props.serverIssues },
            previewItem: props.previewItem,
            evaluate: props.evaluate,
            nodeNames: workflow.nodes.map((n) => n.name).filter((n) => n !== name),
            optionsKey: JSON.stringify(node.credentials ?? {}),
            loadOptions: (method, parameters) =>
              api.loadOptions(node.type, {
                method,
                parameters,
                credentials: Object.fromEntries(
                  Object.entries(node.credentials ?? {}).map(([k, v]) => [k, { id: v.id }]),
                ),
              }),
          }}
        />
      </fieldset>
      {fields.length === 0 && <div className="muted">This node has no parameters.</div>}
    </>
  );
}
