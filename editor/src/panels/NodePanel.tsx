import { useCallback, useEffect, useMemo, useState } from 'react';
import { api } from '../api/client';
import type {
  CredentialSummary,
  Execution,
  Item,
  JsonObject,
  MigratedParameters,
  NodeRun,
  NodeType,
  OnError,
  Settings,
  WebhookInfo,
  Workflow,
  WorkflowNode,
} from '../api/types';
import { NodeIcon } from '../canvas/NodeIcon';
import { CredentialModal } from '../credentials/CredentialEditor';
import { type Issues, prune } from '../form/model';
import { ParameterForm } from '../form/ParameterForm';
import { schemaFields, useCatalog } from '../state/catalog';
import { credentialRequirements, type NodeIssues } from '../workflow/issues';
import { inputsOf, isTriggerType, outputsOf, toWire, upstreamOf } from '../workflow/model';
import { importCurl } from '../workflow/curl';
import { Icon } from '../ui/icons';
import { RunDataPane } from './DataView';

export interface NodePanelProps {
  workflow: Workflow;
  workflowId?: string;
  name: string;
  execution: Execution | null;
  issues: NodeIssues | undefined;
  serverIssues: Issues;
  webhooks: WebhookInfo[];
  settings: Settings | null;
  listening: boolean;
  onChange: (name: string, update: (node: WorkflowNode) => WorkflowNode, key: string) => void;
  onRename: (name: string, wanted: string) => string;
  onClose: () => void;
  onListen: () => void;
  onExecute: () => void;
  /** pins the node's output (manual runs use it instead of running the node), or unpins it with null */
  onPin: (name: string, items: Item[] | null) => void;
}

function runsOf(execution: Execution | null, name: string): NodeRun[] | undefined {
  const r = execution?.nodes?.[name];
  return r && r.length ? r : undefined;
}

/** The node details view: input | parameters & settings | output, as n8n's NDV. */
export function NodePanel(props: NodePanelProps) {
  const { workflow, name, execution, onChange, onClose } = props;
  const catalog = useCatalog();
  const node = workflow.nodes.find((n) => n.name === name);
  const type = node ? catalog.nodeType(node.type) : undefined;
  const [tab, setTab] = useState<'parameters' | 'settings'>('parameters');
  const [nameDraft, setNameDraft] = useState(name);
  useEffect(() => setNameDraft(name), [name]);

  const runs = runsOf(execution, name);
  // input: this node's own run, else what the node connected to its first input put out
  const inputRuns = useMemo<NodeRun[] | undefined>(() => {
    if (runs) return runs;
    for (const [source, byType] of Object.entries(workflow.connections)) {
      const outputs = byType.main ?? [];
      for (let o = 0; o < outputs.length; o++) {
        if ((outputs[o] ?? []).some((c) => c.node === name && c.index === 0)) {
          const parent = runsOf(execution, source);
          const last = parent?.[parent.length - 1];
          if (last?.output?.[o]) {
            return [{ runIndex: 0, status: last.status, error: null, input: [last.output[o]] }];
          }
          // before any run: the parent's pinned data
          const pinned = workflow.pinData?.[source];
          if (pinned && o === 0) return [{ runIndex: 0, status: 'pinned', error: null, input: [pinned] }];
        }
      }
    }
    return undefined;
  }, [runs, workflow.connections, workflow.pinData, execution, name]);
  const pinned = workflow.pinData?.[name];
  const lastOutput = runs?.[runs.length - 1]?.output?.[0];
  const previewItem: JsonObject | undefined = inputRuns?.[inputRuns.length - 1]?.input?.[0]?.[0]?.json;

  // the server evaluates expressions as a run would: on this node's input item, over the runs of the last execution
  // (or pinned data) of the nodes it gets data from and of the nodes the expression names
  const evaluate = useCallback(
    (expression: string) => {
      const wanted = upstreamOf(workflow, name);
      for (const m of expression.matchAll(/\$(?:\(\s*|node\[\s*)(['"])(.+?)\1/g)) wanted.add(m[2]);
      const runData: Record<string, NodeRun[]> = {};
      for (const other of wanted) {
        const r = runsOf(execution, other);
        // only this node's own input is read; the others' outputs and sources are what paired items follow
        if (r) runData[other] = other === name ? r : r.map((run) => ({ ...run, input: [] }));
      }
      return api.previewExpression({
        expression,
        node: name,
        runData,
        workflow: toWire({ ...workflow, id: props.workflowId ?? workflow.id }),
      });
    },
    [execution, workflow, name, props.workflowId],
  );

  // A node of an older type version is shown as Hearth reads it: its parameters after the version
  // migrations (the server's, the one implementation the runtime uses), with that form's fields.
  const [migrated, setMigrated] = useState<MigratedParameters | null>(null);
  const [editedMigrated, setEditedMigrated] = useState(false);
  const nodeType = node?.type;
  const nodeVersion = node?.typeVersion;
  useEffect(() => {
    setMigrated(null);
    setEditedMigrated(false);
    if (!nodeType || nodeVersion === undefined || !type || nodeVersion >= Math.max(...type.versions)) return;
    let live = true;
    const current = workflow.nodes.find((n) => n.name === name);
    api
      .migrateParameters(nodeType, { typeVersion: nodeVersion, parameters: current?.parameters ?? {} })
      .then((m) => {
        if (live && m.typeVersion > nodeVersion) setMigrated(m);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
    // asked again only when another node or version opens: edits to the migrated form stay in the document
    // eslint-disable-next-line react-hooks/exhaustive-deps -- workflow.nodes is read once per opened node on purpose
  }, [name, nodeType, nodeVersion, type]);
  if (!node) return null;
  const fields = schemaFields(type?.schema);
  const isTrigger = isTriggerType(type);
  const formVersion = migrated ? migrated.typeVersion : node?.typeVersion;
  const formValues = migrated && !editedMigrated ? migrated.parameters : node?.parameters;
  const setParams = (v: JsonObject) => {
    if (migrated && !migrated.editable) return;
    if (migrated) setEditedMigrated(true);
    onChange(name, (n) => ({ ...n, parameters: prune(fields, v, formVersion ?? n.typeVersion) }), `params:${name}`);
  };
  const commitName = () => {
    const final = props.onRename(name, nameDraft);
    setNameDraft(final);
  };

  return (
    <div
      className="ndv-backdrop"
      data-testid="node-panel-backdrop"
      onMouseDown={(e) => e.target === e.currentTarget && onClose()}
    >
      <div className="ndv" data-testid="node-panel" role="dialog" aria-label={node.name}>
        {!isTrigger && (
          <section className="ndv-side ndv-input" data-testid="input-panel">
            <div className="ndv-side-title">Input</div>
            <RunDataPane
              runs={inputRuns}
              side="input"
              labels={inputsOf(type, node)}
              testId="input"
              emptyText="No input data yet. Execute the workflow to see the items this node receives."
            />
          </section>
        )}
        <section className="ndv-main">
          <header className="ndv-header">
            <NodeIcon icon={type?.icon} type={node.type} size={28} name={node.name} />
            <input
              className="ndv-name"
              data-testid="node-name-input"
              value={nameDraft}
              onChange={(e) => setNameDraft(e.target.value)}
              onBlur={commitName}
              onKeyDown={(e) => {
                if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
                if (e.key === 'Escape') setNameDraft(name);
              }}
            />
            <span className="spacer" />
            {type?.schema?.['x-node']?.documentationUrl && (
              <a className="docs-link" href={type.schema['x-node'].documentationUrl} target="_blank" rel="noreferrer">
                Docs
              </a>
            )}
            <button type="button" className="btn primary small" data-testid="panel-execute" onClick={props.onExecute}>
              Execute workflow
            </button>
            <button
              type="button"
              className="icon-btn"
              data-testid="close-panel"
              onClick={onClose}
              title="Back to canvas"
            >
              ×
            </button>
          </header>
          <div className="tabs">
            <button
              type="button"
              className={tab === 'parameters' ? 'on' : ''}
              data-testid="tab-parameters"
              onClick={() => setTab('parameters')}
            >
              Parameters
            </button>
            <button
              type="button"
              className={tab === 'settings' ? 'on' : ''}
              data-testid="tab-settings"
              onClick={() => setTab('settings')}
            >
              Settings
            </button>
          </div>
          <div className="ndv-body">
            {!type && (
              <div className="form-error">Unknown node type “{node.type}”: it is not installed on this server.</div>
            )}
            {tab === 'parameters' && type && (
              <>
                {type.description && <div className="node-description">{type.description}</div>}
                {isTrigger && fields.some((f) => f.name === 'path') && (
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
                <fieldset
                  className="migrated-form"
                  disabled={!!migrated && !migrated.editable}
                  data-testid="parameter-fieldset"
                >
                  <ParameterForm
                    fields={fields}
                    values={formValues}
                    onChange={setParams}
                    env={{
                      expressions: true,
                      version: formVersion ?? node.typeVersion,
                      issues: { ...(props.issues?.parameters ?? {}), ...props.serverIssues },
                      previewItem,
                      evaluate,
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
            )}
            {tab === 'settings' && <NodeSettings node={node} onChange={(u) => onChange(name, u, `settings:${name}`)} />}
          </div>
        </section>
        <section className="ndv-side ndv-output" data-testid="output-panel">
          <div className="ndv-side-title">
            Output
            <span className="spacer" />
            {pinned ? (
              <button
                type="button"
                className="btn secondary small"
                data-testid="unpin-output"
                onClick={() => props.onPin(name, null)}
                title="Run this node again in manual runs"
              >
                Unpin
              </button>
            ) : lastOutput && lastOutput.length > 0 ? (
              <button
                type="button"
                className="btn secondary small"
                data-testid="pin-output"
                title="Use this output in manual runs instead of running the node"
                onClick={() =>
                  props.onPin(
                    name,
                    lastOutput.map((i) => ({ json: i.json })),
                  )
                }
              >
                Pin
              </button>
            ) : null}
          </div>
          {pinned ? (
            <>
              <div className="pinned-banner" data-testid="output-pinned">
                This data is pinned: manual runs use it instead of running the node (production runs ignore it).
              </div>
              <RunDataPane
                runs={[{ runIndex: 0, status: 'pinned', error: null, output: [pinned] }]}
                side="output"
                labels={outputsOf(node, type)}
                testId="output"
                emptyText=""
              />
            </>
          ) : (
            <RunDataPane
              runs={runs}
              side="output"
              labels={outputsOf(node, type)}
              testId="output"
              emptyText={
                isTrigger
                  ? 'No output yet. Execute the workflow or listen for a test event.'
                  : 'No output data. Execute the workflow to see it here.'
              }
            />
          )}
        </section>
      </div>
    </div>
  );
}

function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

function WebhookUrls({
  node,
  fields,
  webhooks,
  settings,
  listening,
  onListen,
}: {
  node: WorkflowNode;
  fields: ReturnType<typeof schemaFields>;
  webhooks: WebhookInfo[];
  settings: Settings | null;
  listening: boolean;
  onListen: () => void;
}) {
  const [which, setWhich] = useState<'test' | 'production'>('test');
  const fromServer = webhooks.filter((w) => w.node === node.name);
  const pathField = fields.find((f) => f.name === 'path');
  const methodField = fields.find((f) => f.name === 'httpMethod');
  const path = String(node.parameters.path ?? pathField?.default ?? '');
  const method = node.parameters.httpMethod ?? methodField?.default ?? 'GET';
  const origin = window.location.origin;
  const computed = {
    method: Array.isArray(method) ? method.join(', ') : String(method),
    testUrl: joinUrl(settings?.webhookTestUrl ?? `${origin}/webhook-test`, path),
    productionUrl: joinUrl(settings?.webhookUrl ?? `${origin}/webhook`, path),
  };
  const rows =
    fromServer.length && fromServer.some((w) => w.path.replace(/^\/+/, '') === path.replace(/^\/+/, ''))
      ? fromServer.map((w) => ({ method: w.method, testUrl: w.testUrl, productionUrl: w.productionUrl }))
      : [computed];
  return (
    <div className="webhook-urls" data-testid="webhook-urls">
      <div className="webhook-urls-head">
        <strong>Webhook URLs</strong>
        <div className="segmented">
          <button
            type="button"
            className={which === 'test' ? 'on' : ''}
            data-testid="webhook-tab-test"
            onClick={() => setWhich('test')}
          >
            Test URL
          </button>
          <button
            type="button"
            className={which === 'production' ? 'on' : ''}
            data-testid="webhook-tab-production"
            onClick={() => setWhich('production')}
          >
            Production URL
          </button>
        </div>
      </div>
      {rows.map((r, i) => {
        const url = which === 'test' ? r.testUrl : r.productionUrl;
        return (
          <div className="webhook-url" key={i}>
            <span className="method">{r.method}</span>
            <code data-testid={`webhook-${which}-url`}>{url}</code>
            <button type="button" className="icon-btn" title="Copy" onClick={() => navigator.clipboard?.writeText(url)}>
              <Icon name="copy" size={14} />
            </button>
          </div>
        );
      })}
      <div className="hint">
        {which === 'test'
          ? 'The test URL runs the workflow once in the editor after you click “Listen for test event”.'
          : 'The production URL runs the workflow whenever it is called, once the workflow is active.'}
      </div>
      {which === 'test' && (
        <button
          type="button"
          className="btn secondary small"
          data-testid="listen-test-event"
          disabled={listening}
          onClick={onListen}
        >
          {listening ? 'Listening…' : 'Listen for test event'}
        </button>
      )}
    </div>
  );
}

function CredentialSelectors({
  node,
  type,
  issues,
  onSelect,
}: {
  node: WorkflowNode;
  type: NodeType;
  issues: Record<string, string>;
  onSelect: (type: string, c: CredentialSummary | null) => void;
}) {
  const catalog = useCatalog();
  const reqs = credentialRequirements(node, type);
  const [lists, setLists] = useState<Record<string, CredentialSummary[]>>({});
  // a node without a credential of a type of which exactly one exists gets it (as n8n pre-selects it)
  useEffect(() => {
    for (const r of reqs) {
      const list = lists[r.type];
      if (list && list.length === 1 && !node.credentials?.[r.type]?.id) onSelect(r.type, list[0]);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lists]);
  const [modal, setModal] = useState<{ type: string; id?: string } | null>(null);
  const load = useCallback((t: string) => {
    api.listCredentials(t).then(
      (l) => setLists((cur) => ({ ...cur, [t]: l.filter((c) => c.type === t) })),
      () => undefined,
    );
  }, []);
  const key = reqs.map((r) => r.type).join(',');
  useEffect(() => {
    key.split(',').filter(Boolean).forEach(load);
  }, [key, load]);
  if (!reqs.length) return null;
  return (
    <div className="credential-selectors">
      {reqs.map((r) => {
        const ct = catalog.credentialType(r.type);
        const list = lists[r.type] ?? [];
        const chosen = node.credentials?.[r.type];
        // a credential that was deleted shows as not selected, with a warning
        const gone = !!chosen?.id && !!lists[r.type] && !list.some((c) => c.id === chosen.id);
        const selected = gone ? '' : (chosen?.id ?? '');
        const issue = gone
          ? `The credential “${chosen?.name ?? chosen?.id}” no longer exists: select another`
          : issues[r.type];
        return (
          <div className={`field${issue ? ' has-issue' : ''}`} key={r.type} data-testid={`field-credential-${r.type}`}>
            <div className="field-label">
              <label htmlFor={`credential-select-${r.type}`}>
                Credential to connect with{r.required ? <span className="required-mark">*</span> : null}
              </label>
            </div>
            <div className="inline">
              <select
                id={`credential-select-${r.type}`}
                data-testid={`credential-select-${r.type}`}
                value={selected}
                onChange={(e) => {
                  const v = e.target.value;
                  if (v === '__new') setModal({ type: r.type });
                  else onSelect(r.type, v ? (list.find((c) => c.id === v) ?? { id: v, name: v, type: r.type }) : null);
                }}
              >
                <option value="">Select {ct?.displayName ?? r.type} credential…</option>
                {selected && !lists[r.type] && <option value={selected}>{chosen?.name ?? selected}</option>}
                {list.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
                <option value="__new">+ Create new credential</option>
              </select>
              {selected && (
                <button
                  type="button"
                  className="icon-btn"
                  title="Edit credential"
                  data-testid={`credential-edit-${r.type}`}
                  onClick={() => setModal({ type: r.type, id: selected })}
                >
                  <Icon name="edit" size={14} />
                </button>
              )}
            </div>
            {issue && (
              <div className="field-error" data-testid={`error-credential-${r.type}`}>
                {issue}
              </div>
            )}
          </div>
        );
      })}
      {modal && (
        <CredentialModal
          credentialId={modal.id}
          fixedType={modal.type}
          types={catalog.credentialTypes}
          onClose={() => setModal(null)}
          onSaved={(c) => {
            load(modal.type);
            onSelect(modal.type, c);
            setModal(null);
          }}
        />
      )}
    </div>
  );
}

function isHttpRequest(type: string): boolean {
  return type === 'hearth.httpRequest' || type === 'n8n-nodes-base.httpRequest';
}

/** "Import cURL": fills the HTTP Request node from a pasted curl command, as n8n's does. */
export function CurlImportButton({ onImport }: { onImport: (parameters: JsonObject) => void }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (!open) {
    return (
      <div className="curl-import">
        <button
          type="button"
          className="btn small"
          data-testid="curl-import-open"
          onClick={() => {
            setOpen(true);
            setProblem(null);
          }}
        >
          Import cURL
        </button>
        {notice && (
          <span className="muted" data-testid="curl-import-notice">
            {' '}
            {notice}
          </span>
        )}
      </div>
    );
  }
  const run = () => {
    try {
      const result = importCurl(text);
      onImport(result.parameters as JsonObject);
      setNotice(result.ignored.length ? `Imported; not used: ${result.ignored.join(' ')}` : 'Imported');
      setOpen(false);
      setText('');
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="curl-import open" data-testid="curl-import">
      <label htmlFor="curl-import-text">Paste a cURL command</label>
      <textarea
        id="curl-import-text"
        data-testid="curl-import-text"
        rows={6}
        value={text}
        placeholder="curl -X POST https://api.example.com -H 'Content-Type: application/json' -d '{...}'"
        onChange={(e) => {
          setText(e.target.value);
          setProblem(null);
        }}
      />
      {problem && (
        <div className="field-error" data-testid="curl-import-error">
          {problem}
        </div>
      )}
      <div className="row">
        <button
          type="button"
          className="btn primary small"
          data-testid="curl-import-run"
          onClick={run}
          disabled={!text.trim()}
        >
          Import
        </button>
        <button type="button" className="btn small" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function NodeSettings({
  node,
  onChange,
}: {
  node: WorkflowNode;
  onChange: (u: (n: WorkflowNode) => WorkflowNode) => void;
}) {
  const set = (patch: Partial<WorkflowNode>, remove: string[] = []) =>
    onChange((n) => {
      const next: WorkflowNode = { ...n, ...patch };
      for (const k of remove) delete next[k];
      return next;
    });
  const toggle = (
    key: 'alwaysOutputData' | 'executeOnce' | 'retryOnFail' | 'disabled',
    label: string,
    hint: string,
  ) => (
    <div className="field field-toggle">
      <div className="field-label">
        <label htmlFor={`setting-${key}`} title={hint}>
          {label}
        </label>
        <span className="info" title={hint}>
          ?
        </span>
      </div>
      <label className="switch">
        <input
          id={`setting-${key}`}
          type="checkbox"
          data-testid={`setting-${key}`}
          checked={!!node[key]}
          onChange={(e) => (e.target.checked ? set({ [key]: true }) : set({}, [key]))}
        />
        <span className="slider" />
      </label>
    </div>
  );
  return (
    <div className="node-settings" data-testid="node-settings">
      {toggle('alwaysOutputData', 'Always Output Data', 'Output an empty item when the node returns no items')}
      {toggle('executeOnce', 'Execute Once', 'Run the node only for the first input item')}
      {toggle('retryOnFail', 'Retry On Fail', 'Run the node again when it fails')}
      {node.retryOnFail && (
        <>
          <div className="field">
            <div className="field-label">
              <label htmlFor="setting-maxTries">Max. Tries</label>
            </div>
            <input
              id="setting-maxTries"
              type="number"
              min={2}
              max={5}
              data-testid="setting-maxTries"
              value={node.maxTries ?? 3}
              onChange={(e) => set({ maxTries: Math.min(5, Math.max(2, Number(e.target.value) || 3)) })}
            />
          </div>
          <div className="field">
            <div className="field-label">
              <label htmlFor="setting-waitBetweenTries">Wait Between Tries (ms)</label>
            </div>
            <input
              id="setting-waitBetweenTries"
              type="number"
              min={0}
              max={5000}
              step={100}
              data-testid="setting-waitBetweenTries"
              value={node.waitBetweenTries ?? 1000}
              onChange={(e) => set({ waitBetweenTries: Math.min(5000, Math.max(0, Number(e.target.value) || 0)) })}
            />
          </div>
        </>
      )}
      <div className="field">
        <div className="field-label">
          <label htmlFor="setting-onError">On Error</label>
        </div>
        <select
          id="setting-onError"
          data-testid="setting-onError"
          value={node.onError ?? 'stopWorkflow'}
          onChange={(e) =>
            e.target.value === 'stopWorkflow'
              ? set({}, ['onError', 'continueOnFail'])
              : set({ onError: e.target.value as OnError }, ['continueOnFail'])
          }
        >
          <option value="stopWorkflow">Stop Workflow</option>
          <option value="continueRegularOutput">Continue</option>
          <option value="continueErrorOutput">Continue (using error output)</option>
        </select>
      </div>
      <div className="field">
        <div className="field-label">
          <label htmlFor="setting-notes">Notes</label>
        </div>
        <textarea
          id="setting-notes"
          rows={3}
          data-testid="setting-notes"
          value={node.notes ?? ''}
          onChange={(e) => (e.target.value ? set({ notes: e.target.value }) : set({}, ['notes']))}
        />
      </div>
      {toggle('disabled', 'Deactivate Node', 'A deactivated node passes its input through unchanged')}
    </div>
  );
}
