import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError } from '../api/client';
import type { Execution, JsonObject, NodeType, TriggerInfo, WebhookInfo, Workflow, WorkflowNode } from '../api/types';
import { Palette } from '../canvas/Palette';
import { type CanvasApi, WorkflowCanvas } from '../canvas/WorkflowCanvas';
import type { Issues } from '../form/model';
import { NodePanel } from '../panels/NodePanel';
import { navigate, replacePath } from '../router';
import { useCatalog } from '../state/catalog';
import { Icon } from '../ui/icons';
import { Modal, useUi } from '../ui/Modal';
import { useHistory } from '../workflow/history';
import { nodeIssues, type NodeIssues } from '../workflow/issues';
import { addNode, connect, EMPTY_WORKFLOW, inputsOf, isTriggerType, outputsOf, renameNode, toWire, updateNode } from '../workflow/model';

const FINISHED = new Set(['success', 'error', 'canceled', 'crashed']);

function snapshot(wf: Workflow): string {
  return JSON.stringify({ name: wf.name, nodes: wf.nodes, connections: wf.connections, settings: wf.settings ?? null });
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

/** Maps problem+json `errors[]` paths like `nodes[2].parameters.entityId` to the node they name. */
export function issuesByNode(e: unknown, wf: Workflow): Record<string, Issues> {
  const out: Record<string, Issues> = {};
  if (!(e instanceof ApiError)) return out;
  for (const err of e.errors) {
    const m = /^nodes\[(\d+)\]\.parameters\.(.+)$/.exec(err.path);
    if (m) {
      const node = wf.nodes[Number(m[1])];
      if (node) out[node.name] = { ...(out[node.name] ?? {}), [m[2]]: err.message };
    }
  }
  return out;
}

export function WorkflowEditorPage({ id: routeId }: { id: string | null }) {
  return (
    <ReactFlowProvider>
      <Editor routeId={routeId} />
    </ReactFlowProvider>
  );
}

function Editor({ routeId }: { routeId: string | null }) {
  const catalog = useCatalog();
  const ui = useUi();
  const hist = useHistory<Workflow>(EMPTY_WORKFLOW);
  const wf = hist.present;
  const [id, setId] = useState<string | undefined>(routeId ?? undefined);
  const [loading, setLoading] = useState(!!routeId);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saved, setSaved] = useState(snapshot(EMPTY_WORKFLOW));
  const [saving, setSaving] = useState(false);
  const [execution, setExecution] = useState<Execution | null>(null);
  const [running, setRunning] = useState(false);
  const [listening, setListening] = useState<{ testUrls: string[]; expiresAt: string } | null>(null);
  const [triggers, setTriggers] = useState<TriggerInfo[]>([]);
  const [webhooks, setWebhooks] = useState<WebhookInfo[]>([]);
  const [serverIssues, setServerIssues] = useState<Record<string, Issues>>({});
  const [openNode, setOpenNode] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<{ name: string; draft: string } | null>(null);
  const [paletteOpen, setPaletteOpen] = useState(true);
  const [inputModal, setInputModal] = useState<string | null>(null);
  const [activating, setActivating] = useState<boolean | null>(null);
  const canvasApi = useRef<CanvasApi | null>(null);
  const listenToken = useRef(0);
  const wfRef = useRef(wf);
  wfRef.current = wf;

  const dirty = snapshot(wf) !== saved || !id;

  // load
  useEffect(() => {
    if (!routeId) {
      hist.reset({ ...EMPTY_WORKFLOW });
      setSaved(snapshot(EMPTY_WORKFLOW));
      setLoading(false);
      return;
    }
    let cancelled = false;
    setLoading(true);
    api.getWorkflow(routeId).then((w) => {
      if (cancelled) return;
      const normalized: Workflow = { ...w, nodes: w.nodes ?? [], connections: w.connections ?? {} };
      hist.reset(normalized);
      setSaved(snapshot(normalized));
      setId(w.id ?? routeId);
      setLoading(false);
      setTimeout(() => canvasApi.current?.fitView(), 50);
      // the last execution of this workflow, so the canvas shows what ran
      api.listExecutions({ workflowId: routeId, limit: 1 }).then((page) => {
        const last = page.data[0];
        if (last && !cancelled) api.getExecution(last.id).then((x) => !cancelled && setExecution((cur) => cur ?? x), () => undefined);
      }, () => undefined);
    }, (e: Error) => {
      if (!cancelled) {
        setLoadError(e.message);
        setLoading(false);
      }
    });
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [routeId]);

  // warn before leaving with unsaved changes
  useEffect(() => {
    const on = (e: BeforeUnloadEvent) => {
      if (dirty && wfRef.current.nodes.length) {
        e.preventDefault();
      }
    };
    window.addEventListener('beforeunload', on);
    return () => window.removeEventListener('beforeunload', on);
  }, [dirty]);

  // webhook URLs of the saved workflow
  const refreshWebhooks = useCallback((wid: string | undefined) => {
    if (!wid) return;
    api.webhooks(wid).then(setWebhooks, () => setWebhooks([]));
  }, []);
  useEffect(() => refreshWebhooks(id), [id, refreshWebhooks]);

  // trigger connection states while active
  useEffect(() => {
    if (!id || !wf.active) {
      setTriggers([]);
      return;
    }
    let stop = false;
    const poll = () => api.triggers(id).then((t) => !stop && setTriggers(t), () => undefined);
    poll();
    const timer = setInterval(poll, 5000);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [id, wf.active]);

  const issues = useMemo(() => {
    const out: Record<string, NodeIssues> = {};
    for (const n of wf.nodes) {
      out[n.name] = nodeIssues(n, catalog.nodeType(n.type), (t) => catalog.credentialType(t)?.displayName ?? t);
    }
    return out;
  }, [wf.nodes, catalog]);

  const showApiError = useCallback((title: string, e: unknown, sent?: Workflow) => {
    if (sent) {
      const byNode = issuesByNode(e, sent);
      if (Object.keys(byNode).length) setServerIssues(byNode);
    }
    ui.toast('error', title, e instanceof Error ? e.message : String(e));
  }, [ui]);

  const save = useCallback(async (quiet = false): Promise<string | undefined> => {
    const current = wfRef.current;
    const body = toWire(current);
    setSaving(true);
    try {
      const result = id ? await api.updateWorkflow(id, body) : await api.createWorkflow(body);
      const merged: Workflow = { ...current, ...result, nodes: result.nodes ?? current.nodes, connections: result.connections ?? current.connections };
      // keep what was edited meanwhile; take the server's metadata
      hist.replace((now) => (now === current ? merged : { ...now, id: result.id, versionId: result.versionId, active: result.active }));
      setSaved(snapshot(merged));
      setServerIssues({});
      if (!id && result.id) {
        setId(result.id);
        replacePath(`/workflow/${result.id}`);
      }
      refreshWebhooks(result.id ?? id);
      if (!quiet) ui.toast('success', 'Workflow saved');
      return result.id ?? id;
    } catch (e) {
      showApiError('Problem saving workflow', e, body);
      return undefined;
    } finally {
      setSaving(false);
    }
  }, [id, hist, ui, showApiError, refreshWebhooks]);

  const finishRun = useCallback((x: Execution) => {
    setExecution(x);
    setServerIssues({});
    if (x.status === 'success') ui.toast('success', 'Workflow executed successfully');
    else if (x.status === 'error' || x.status === 'crashed') {
      ui.toast('error', 'Problem in node', `${x.error?.node ? `${x.error.node}: ` : ''}${x.error?.message ?? 'The workflow failed'}`);
    } else ui.toast('info', `Execution ${x.status}`);
  }, [ui]);

  const webhookTrigger = wf.nodes.find((n) => {
    const t = catalog.nodeType(n.type);
    return !n.disabled && isTriggerType(t) && !!t?.schema?.properties?.path;
  });
  const hasOtherStart = wf.nodes.some((n) => {
    const t = catalog.nodeType(n.type);
    return !n.disabled && isTriggerType(t) && !t?.schema?.properties?.path;
  });

  const stopListening = useCallback(() => {
    listenToken.current++;
    setListening(null);
  }, []);

  const listen = useCallback(async () => {
    const wid = dirty ? await save(true) : id;
    if (!wid) return;
    const token = ++listenToken.current;
    try {
      const r = await api.listenTestWebhook(wid, toWire(wfRef.current));
      setListening(r);
      const deadline = Date.now() + 130_000;
      while (listenToken.current === token && Date.now() < deadline) {
        await sleep(1000);
        if (listenToken.current !== token) return;
        const state = await api.testWebhookState(wid);
        if (state.executionId) {
          setListening(null);
          let x = await api.getExecution(state.executionId);
          while (!FINISHED.has(x.status) && Date.now() < deadline && listenToken.current === token) {
            setExecution(x);
            await sleep(700);
            x = await api.getExecution(state.executionId);
          }
          finishRun(x);
          return;
        }
        if (!state.listening) break;
      }
      if (listenToken.current === token) {
        setListening(null);
        ui.toast('info', 'Stopped listening', 'No test event arrived in time.');
      }
    } catch (e) {
      setListening(null);
      showApiError('Could not listen for a test event', e);
    }
  }, [dirty, id, save, finishRun, ui, showApiError]);

  const execute = useCallback(async (input?: JsonObject[]) => {
    if (webhookTrigger && !hasOtherStart && !input) {
      await listen();
      return;
    }
    setRunning(true);
    const draft = toWire(wfRef.current);
    try {
      const body = input ? { input } : {};
      const x = id ? await api.run(id, dirty ? { ...body, workflow: draft } : body) : await api.runDraft(draft, body);
      finishRun(x);
    } catch (e) {
      showApiError('Problem running workflow', e, draft);
    } finally {
      setRunning(false);
    }
  }, [webhookTrigger, hasOtherStart, listen, id, dirty, finishRun, showApiError]);

  const toggleActive = useCallback(async (on: boolean) => {
    setActivating(on);
    try {
      await toggleActiveNow(on);
    } finally {
      setActivating(null);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, dirty, save]);

  const toggleActiveNow = async (on: boolean) => {
    let wid = id;
    if (on && (dirty || !wid)) wid = await save(true);
    if (!wid) return;
    try {
      const result = on ? await api.activate(wid) : await api.deactivate(wid);
      hist.replace((now) => ({ ...now, active: result.active ?? on, versionId: result.versionId ?? now.versionId }));
      setSaved((s) => s);
      ui.toast('success', on ? 'Workflow activated' : 'Workflow deactivated',
        on ? 'Triggers and production webhooks are now live.' : undefined);
      refreshWebhooks(wid);
    } catch (e) {
      showApiError(on ? 'Workflow could not be activated' : 'Workflow could not be deactivated', e);
    }
  };

  const addType = useCallback((type: NodeType, position?: [number, number]) => {
    const place = position ? { position } : canvasApi.current?.placeForNewNode() ?? { position: [0, 0] as [number, number] };
    const r = addNode(wfRef.current, type, place.position);
    let next = r.workflow;
    const from = 'connectFrom' in place ? place.connectFrom : undefined;
    const fromNode = from ? wfRef.current.nodes.find((n) => n.name === from) : undefined;
    if (fromNode && !isTriggerType(type) && inputsOf(type).length > 0 && outputsOf(fromNode, catalog.nodeType(fromNode.type)).length > 0) {
      next = connect(next, fromNode.name, 0, r.name, 0);
    }
    hist.commit(next);
    setTimeout(() => {
      canvasApi.current?.select([r.name]);
      canvasApi.current?.reveal(place.position);
    }, 0);
  }, [hist, catalog]);

  const rename = useCallback((oldName: string, wanted: string): string => {
    const r = renameNode(wfRef.current, oldName, wanted);
    if (r.name !== oldName) {
      hist.commit(r.workflow);
      setServerIssues((s) => {
        if (!s[oldName]) return s;
        const { [oldName]: moved, ...rest } = s;
        return { ...rest, [r.name]: moved };
      });
      setOpenNode((o) => (o === oldName ? r.name : o));
    }
    return r.name;
  }, [hist]);

  const changeNode = useCallback((name: string, update: (n: WorkflowNode) => WorkflowNode, key: string) => {
    hist.commit((w) => {
      const node = w.nodes.find((n) => n.name === name);
      return node ? updateNode(w, name, update(node)) : w;
    }, key);
    setServerIssues((s) => (s[name] ? { ...s, [name]: {} } : s));
  }, [hist]);

  if (loading) return <div className="page-loading">Loading workflow…</div>;
  if (loadError) {
    return <div className="page"><div className="form-error">Could not open the workflow: {loadError}</div><a href="#/workflows">Back to workflows</a></div>;
  }

  return (
    <div className="editor" data-testid="workflow-editor">
      <header className="editor-header">
        <input className="workflow-name" data-testid="workflow-name" value={wf.name}
          onChange={(e) => hist.commit({ ...wf, name: e.target.value }, 'name')} />
        <span className={`save-state ${dirty ? 'dirty' : 'clean'}`} data-testid="save-state">{dirty ? 'Unsaved changes' : 'Saved'}</span>
        <nav className="editor-tabs">
          <span className="on">Editor</span>
          {id ? <a href={`#/workflow/${id}/executions`} data-testid="tab-executions">Executions</a> : <span className="disabled">Executions</span>}
        </nav>
        <span className="spacer" />
        <label className="active-toggle" title={wf.active ? 'Deactivate' : 'Activate: start triggers and production webhooks'}>
          <span data-testid="active-label">{activating !== null ? (activating ? 'Activating…' : 'Deactivating…') : wf.active ? 'Active' : 'Inactive'}</span>
          <span className="switch">
            <input type="checkbox" data-testid="activate-toggle" checked={activating ?? !!wf.active} disabled={activating !== null}
              onChange={(e) => toggleActive(e.target.checked)} />
            <span className="slider" />
          </span>
        </label>
        <button type="button" className="btn secondary" data-testid="undo" disabled={!hist.canUndo} onClick={hist.undo} title="Undo (Ctrl+Z)"><Icon name="undo" /></button>
        <button type="button" className="btn secondary" data-testid="redo" disabled={!hist.canRedo} onClick={hist.redo} title="Redo (Ctrl+Shift+Z)"><Icon name="redo" /></button>
        <button type="button" className="btn secondary" data-testid="download-workflow" title="Download as n8n JSON"
          onClick={() => {
            const blob = new Blob([JSON.stringify(toWire(wf), null, 2)], { type: 'application/json' });
            const a = document.createElement('a');
            a.href = URL.createObjectURL(blob);
            a.download = `${wf.name || 'workflow'}.json`;
            a.click();
          }}><Icon name="download" /></button>
        <button type="button" className="btn primary" data-testid="save-workflow" disabled={saving} onClick={() => save()}>
          {saving ? 'Saving…' : dirty ? 'Save' : 'Saved'}
        </button>
      </header>
      <div className="editor-body">
        {paletteOpen ? (
          <Palette types={catalog.nodeTypes} onAdd={(t) => addType(t)} onClose={() => setPaletteOpen(false)} />
        ) : (
          <button type="button" className="palette-open" data-testid="open-palette" onClick={() => setPaletteOpen(true)} title="Add node">+</button>
        )}
        <WorkflowCanvas
          workflow={wf}
          nodeType={catalog.nodeType}
          execution={execution}
          triggers={triggers}
          issues={issues}
          commit={hist.commit}
          recordFrom={hist.recordFrom}
          replace={hist.replace}
          onOpenNode={setOpenNode}
          onRename={(name) => setRenaming({ name, draft: name })}
          onDropType={(t, p) => addType(t, p)}
          onSave={() => save()}
          onUndo={hist.undo}
          onRedo={hist.redo}
          keyboardEnabled={!openNode && !renaming && !inputModal}
          apiRef={canvasApi}
        />
        <div className="run-bar">
          <button type="button" className="btn run" data-testid="execute-workflow" disabled={running || !!listening || wf.nodes.length === 0}
            onClick={() => execute()}>
            <Icon name="play" size={14} />
            {running ? 'Executing…' : webhookTrigger && !hasOtherStart ? 'Execute workflow (listen for test event)' : 'Execute workflow'}
          </button>
          {webhookTrigger && (
            <button type="button" className="btn secondary" data-testid="execute-with-input" disabled={running}
              onClick={() => setInputModal('[\n  {\n    "body": {}\n  }\n]')}>Run with input item…</button>
          )}
          {execution && (
            <span className={`status-pill ${execution.status}`} data-testid="last-execution-status" title={execution.error?.message ?? ''}>
              {execution.status}
            </span>
          )}
          {execution && (
            <button type="button" className="btn link" data-testid="clear-execution" onClick={() => setExecution(null)}>Clear run data</button>
          )}
        </div>
        {listening && (
          <div className="listening-banner" data-testid="listening-banner">
            <div className="spinner" />
            <div>
              <strong>Waiting for a test event</strong>
              <div className="muted">Make a request to:</div>
              {listening.testUrls.map((u) => {
                const m = /^([A-Z]+)\s+(\S+)$/.exec(u.trim());
                return (
                  <div key={u} className="webhook-url">
                    {m && <span className="method">{m[1]}</span>}
                    <code data-testid="listening-url">{m ? m[2] : u}</code>
                  </div>
                );
              })}
            </div>
            <button type="button" className="btn secondary small" data-testid="stop-listening" onClick={stopListening}>Stop listening</button>
          </div>
        )}
      </div>
      {openNode && (
        <NodePanel
          workflow={wf}
          workflowId={id}
          name={openNode}
          execution={execution}
          issues={issues[openNode]}
          serverIssues={serverIssues[openNode] ?? {}}
          webhooks={webhooks}
          settings={catalog.settings}
          listening={!!listening}
          onChange={changeNode}
          onRename={rename}
          onClose={() => setOpenNode(null)}
          onListen={listen}
          onExecute={() => execute()}
        />
      )}
      {renaming && (
        <Modal title="Rename node" onClose={() => setRenaming(null)} testId="rename-dialog"
          footer={<>
            <button type="button" className="btn secondary" onClick={() => setRenaming(null)}>Cancel</button>
            <button type="button" className="btn primary" data-testid="rename-submit" onClick={() => {
              rename(renaming.name, renaming.draft);
              setRenaming(null);
            }}>Rename</button>
          </>}>
          <input autoFocus data-testid="rename-input" value={renaming.draft} onChange={(e) => setRenaming({ ...renaming, draft: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                rename(renaming.name, renaming.draft);
                setRenaming(null);
              }
            }} />
        </Modal>
      )}
      {inputModal !== null && (
        <Modal title="Run with input items" onClose={() => setInputModal(null)} testId="run-input-dialog"
          footer={<>
            <button type="button" className="btn secondary" onClick={() => setInputModal(null)}>Cancel</button>
            <button type="button" className="btn primary" data-testid="run-input-submit" onClick={() => {
              try {
                const parsed = JSON.parse(inputModal);
                const items = (Array.isArray(parsed) ? parsed : [parsed]) as JsonObject[];
                setInputModal(null);
                execute(items);
              } catch (e) {
                ui.toast('error', 'Invalid JSON', (e as Error).message);
              }
            }}>Execute</button>
          </>}>
          <p className="muted">The JSON items the trigger node outputs for this manual run.</p>
          <textarea className="code" rows={10} data-testid="run-input-json" value={inputModal} onChange={(e) => setInputModal(e.target.value)} />
        </Modal>
      )}
    </div>
  );
}

export function goToNewWorkflow() {
  navigate('/workflow/new');
}
