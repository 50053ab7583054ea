import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { api } from '../api/client';
import type { NodeType, Workflow, WorkflowNode } from '../api/types';
import { Palette } from '../canvas/Palette';
import { type CanvasApi, WorkflowCanvas } from '../canvas/WorkflowCanvas';
import { NodePanel } from '../panels/NodePanel';
import { navigate } from '../router';
import { useCatalog } from '../state/catalog';
import { useUi } from '../ui/Modal';
import { nodeIssues, type NodeIssues } from '../workflow/issues';
import {
  addNode,
  connect,
  disconnect,
  inputsOf,
  isTriggerType,
  outputsOf,
  renameNode,
  updateNode,
} from '../workflow/model';
import { LeaveDialog, RenameDialog, RunInputDialog } from './editor/dialogs';
import { EditorHeader } from './editor/EditorHeader';
import { RunBar } from './editor/RunBar';
import { useLeaveGuard } from './editor/useLeaveGuard';
import { useManualRun } from './editor/useManualRun';
import { useWorkflowDocument } from './editor/useWorkflowDocument';
import { useWorkflowStatus } from './editor/useWorkflowStatus';

export function WorkflowEditorPage({ id: routeId }: { id: string | null }) {
  return (
    <ReactFlowProvider>
      <Editor routeId={routeId} />
    </ReactFlowProvider>
  );
}

/** The workflow editor: composes the document, runs, canvas, node panel and dialogs. */
function Editor({ routeId }: { routeId: string | null }) {
  const catalog = useCatalog();
  const ui = useUi();
  const canvasApi = useRef<CanvasApi | null>(null);
  const runRef = useRef<ReturnType<typeof useManualRun> | null>(null);
  const doc = useWorkflowDocument(routeId, (last) => {
    if (last) runRef.current?.setExecution((cur) => cur ?? last);
  });
  const { wf, hist } = doc;
  const status = useWorkflowStatus(doc.id, !!wf.active);

  const webhookTrigger = wf.nodes.find((n) => {
    const t = catalog.nodeType(n.type);
    return !n.disabled && isTriggerType(t) && !!t?.schema?.properties?.path;
  });
  const hasOtherStart = wf.nodes.some((n) => {
    const t = catalog.nodeType(n.type);
    return !n.disabled && isTriggerType(t) && !t?.schema?.properties?.path;
  });
  const listensForWebhook = !!webhookTrigger && !hasOtherStart;
  const run = useManualRun(doc, { listenForWebhook: listensForWebhook });
  runRef.current = run;
  const guard = useLeaveGuard(doc.dirty);

  const [openNode, setOpenNode] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [paletteOpen, setPaletteOpen] = useState(true);
  const [inputDialog, setInputDialog] = useState(false);
  const [activating, setActivating] = useState<boolean | null>(null);
  /** the next node added from the palette connects from this output ("+" or a connection dragged into space) */
  const [addAfter, setAddAfter] = useState<{ node: string; output: number; position: [number, number] } | null>(null);

  const issues = useMemo(() => {
    const out: Record<string, NodeIssues> = {};
    for (const n of wf.nodes) {
      const own = nodeIssues(n, catalog.nodeType(n.type), (t) => catalog.credentialType(t)?.displayName ?? t);
      const server = doc.serverIssues[n.name];
      out[n.name] = server ? { ...own, all: [...own.all, ...server.texts.filter((t) => !own.all.includes(t))] } : own;
    }
    return out;
  }, [wf.nodes, catalog, doc.serverIssues]);

  const toggleActive = useCallback(
    async (on: boolean) => {
      setActivating(on);
      try {
        let wid = doc.id;
        if (on && (doc.dirty || !wid)) wid = await doc.save(true);
        if (!wid) return;
        try {
          const result = on ? await api.activate(wid) : await api.deactivate(wid);
          hist.replace((now) => ({
            ...now,
            active: result.active ?? on,
            versionId: result.versionId ?? now.versionId,
          }));
          ui.toast(
            'success',
            on ? 'Workflow activated' : 'Workflow deactivated',
            on ? 'Triggers and production webhooks are now live.' : undefined,
          );
          status.refreshWebhooks(wid);
        } catch (e) {
          doc.showServerProblems(e, wf);
          ui.toast(
            'error',
            on ? 'Workflow could not be activated' : 'Workflow could not be deactivated',
            e instanceof Error ? e.message : String(e),
          );
        }
      } finally {
        setActivating(null);
      }
    },
    [doc, hist, ui, status, wf],
  );

  const save = useCallback(async () => {
    const wid = await doc.save();
    if (wid) status.refreshWebhooks(wid);
    return wid;
  }, [doc, status]);

  /**
   * Adds a node as n8n does: connected from the chosen "+" (or the selected node), or into the
   * connection it was dropped on (source → new → target).
   */
  const addType = useCallback(
    (
      type: NodeType,
      position?: [number, number],
      into?: { source: string; output: number; target: string; input: number },
    ) => {
      const after = addAfter;
      setAddAfter(null);
      const place = after
        ? { position: after.position, connectFrom: after.node }
        : position
          ? { position }
          : (canvasApi.current?.placeForNewNode() ?? { position: [0, 0] as [number, number] });
      const current = doc.wfRef.current;
      const r = addNode(current, type, place.position);
      let next = r.workflow;
      const from = 'connectFrom' in place ? place.connectFrom : undefined;
      const fromNode = from ? current.nodes.find((n) => n.name === from) : undefined;
      const takesInput = !isTriggerType(type) && inputsOf(type).length > 0;
      if (fromNode && takesInput && outputsOf(fromNode, catalog.nodeType(fromNode.type)).length > 0) {
        next = connect(next, fromNode.name, after?.output ?? 0, r.name, 0);
      } else if (into && takesInput) {
        next = connect(
          connect(
            disconnect(next, into.source, into.output, into.target, into.input),
            into.source,
            into.output,
            r.name,
            0,
          ),
          r.name,
          0,
          into.target,
          into.input,
        );
        next = makeRoom(next, r.name, into.source, into.target);
      }
      hist.commit(next);
      setTimeout(() => {
        canvasApi.current?.select([r.name]);
        canvasApi.current?.reveal(place.position);
      }, 0);
      return r.name;
    },
    [hist, catalog, doc.wfRef, addAfter],
  );

  const rename = useCallback(
    (oldName: string, wanted: string): string => {
      const r = renameNode(doc.wfRef.current, oldName, wanted);
      if (r.name !== oldName) {
        hist.commit(r.workflow);
        doc.renameServerIssues(oldName, r.name);
        setOpenNode((o) => (o === oldName ? r.name : o));
      }
      return r.name;
    },
    [hist, doc],
  );

  const changeNode = useCallback(
    (name: string, update: (n: WorkflowNode) => WorkflowNode, key: string) => {
      hist.commit((w) => {
        const node = w.nodes.find((n) => n.name === name);
        return node ? updateNode(w, name, update(node)) : w;
      }, key);
      doc.clearServerIssues(name);
    },
    [hist, doc],
  );

  if (doc.loading) return <div className="page-loading">Loading workflow…</div>;
  if (doc.loadError) {
    return (
      <div className="page">
        <div className="form-error">Could not open the workflow: {doc.loadError}</div>
        <a href="#/workflows">Back to workflows</a>
      </div>
    );
  }

  return (
    <div className="editor" data-testid="workflow-editor">
      <EditorHeader
        wf={wf}
        id={doc.id}
        dirty={doc.dirty}
        saving={doc.saving}
        activating={activating}
        canUndo={hist.canUndo}
        canRedo={hist.canRedo}
        onRename={(name) => hist.commit({ ...wf, name }, 'name')}
        onToggleActive={toggleActive}
        onUndo={hist.undo}
        onRedo={hist.redo}
        onSave={() => void save()}
      />
      {doc.restored && (
        <div className="draft-banner" data-testid="draft-restored" role="status">
          Restored your unsaved changes from {new Date(doc.restored.savedAt).toLocaleString()}
          {doc.restored.savedElsewhere ? ' (the workflow was saved elsewhere since: saving replaces that version)' : ''}
          . They are not saved yet.
          <button
            type="button"
            className="btn secondary small"
            data-testid="draft-discard"
            onClick={doc.discardRestored}
          >
            Discard them
          </button>
        </div>
      )}
      <div className="editor-body">
        {paletteOpen || addAfter ? (
          <Palette
            types={catalog.nodeTypes}
            onAdd={(t) => addType(t)}
            onClose={() => setPaletteOpen(false)}
            connectHint={addAfter ? addAfter.node : undefined}
            onCancelHint={() => setAddAfter(null)}
          />
        ) : (
          <button
            type="button"
            className="palette-open"
            data-testid="open-palette"
            onClick={() => setPaletteOpen(true)}
            title="Add node"
          >
            +
          </button>
        )}
        <WorkflowCanvas
          workflow={wf}
          nodeType={catalog.nodeType}
          execution={run.execution}
          triggers={status.triggers}
          issues={issues}
          commit={hist.commit}
          recordFrom={hist.recordFrom}
          replace={hist.replace}
          onOpenNode={setOpenNode}
          onRename={setRenaming}
          onDropType={(t, p, into) => addType(t, p, into)}
          onAddAfter={(from, position) => setAddAfter({ ...from, position })}
          onSave={() => void save()}
          onUndo={hist.undo}
          onRedo={hist.redo}
          keyboardEnabled={!openNode && !renaming && !inputDialog && guard.pending === null}
          apiRef={canvasApi}
        />
        <RunBar
          running={run.running}
          stopping={run.stopping}
          canStop={run.runningId !== null}
          listening={run.listening}
          hasNodes={wf.nodes.length > 0}
          listensForWebhook={listensForWebhook}
          hasWebhook={!!webhookTrigger}
          execution={run.execution}
          onExecute={() => void run.execute()}
          onStop={() => void run.stop()}
          onRunWithInput={() => setInputDialog(true)}
          onClear={() => run.setExecution(null)}
          onStopListening={run.stopListening}
        />
      </div>
      {openNode && (
        <NodePanel
          workflow={wf}
          workflowId={doc.id}
          name={openNode}
          execution={run.execution}
          issues={issues[openNode]}
          serverIssues={doc.serverIssues[openNode]?.parameters ?? {}}
          webhooks={status.webhooks}
          settings={catalog.settings}
          listening={!!run.listening}
          onChange={changeNode}
          onRename={rename}
          onClose={() => setOpenNode(null)}
          onListen={() => void run.listen()}
          onExecute={() => void run.execute()}
          onPin={(name, items) =>
            hist.commit((w) => {
              const { [name]: _old, ...others } = w.pinData ?? {};
              return { ...w, pinData: items ? { ...others, [name]: items } : others };
            })
          }
        />
      )}
      {renaming && (
        <RenameDialog name={renaming} onRename={(draft) => rename(renaming, draft)} onClose={() => setRenaming(null)} />
      )}
      {inputDialog && (
        <RunInputDialog
          onClose={() => setInputDialog(false)}
          onRun={(items) => void run.execute(items)}
          onInvalid={(m) => ui.toast('error', 'Invalid JSON', m)}
        />
      )}
      {guard.pending !== null && (
        <LeaveDialog
          saving={doc.saving}
          onStay={guard.stay}
          onLeave={() => {
            doc.dropLocalDraft();
            guard.leave();
          }}
          onSave={async () => {
            if (await save()) guard.leave();
            else guard.stay();
          }}
        />
      )}
    </div>
  );
}

/** A node inserted into a connection sits right of its source; the target and what lies beyond it move right to make room, as in n8n. */
function makeRoom(wf: Workflow, inserted: string, source: string, target: string): Workflow {
  const src = wf.nodes.find((n) => n.name === source);
  const dst = wf.nodes.find((n) => n.name === target);
  if (!src || !dst) return wf;
  const x = src.position[0] + 220;
  const shift = Math.max(0, x + 220 - dst.position[0]);
  return {
    ...wf,
    nodes: wf.nodes.map((n) => {
      if (n.name === inserted) return { ...n, position: [x, src.position[1]] as [number, number] };
      if (shift && n.position[0] >= dst.position[0])
        return { ...n, position: [n.position[0] + shift, n.position[1]] as [number, number] };
      return n;
    }),
  };
}

export function goToNewWorkflow() {
  navigate('/workflow/new');
}
