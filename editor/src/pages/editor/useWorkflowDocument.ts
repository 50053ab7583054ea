import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { Execution, Workflow } from '../../api/types';
import { replacePath } from '../../router';
import { useUi } from '../../ui/Modal';
import { useHistory } from '../../workflow/history';
import { unboundedLoops } from '../../workflow/cycles';
import { dropDraft, readDraft, writeDraft } from '../../workflow/drafts';
import { EMPTY_WORKFLOW, toWire } from '../../workflow/model';
import { issuesByNode, type ServerNodeIssues } from './serverIssues';

function snapshot(wf: Workflow): string {
  return JSON.stringify({
    name: wf.name,
    nodes: wf.nodes,
    connections: wf.connections,
    settings: wf.settings ?? null,
    pinData: wf.pinData ?? null,
  });
}

/** Unsaved changes found in this browser's draft when the workflow opened, and put back. */
export interface RestoredDraft {
  savedAt: string;
  /** the workflow was saved (elsewhere) after the changes were made on it */
  savedElsewhere: boolean;
  /** the workflow as saved, to go back to */
  saved: Workflow;
}

/**
 * The workflow being edited: loading, undo history, what is saved, and saving. A workflow with
 * issues saves (the server keeps unfinished work and answers its issues, shown on the nodes).
 * Unsaved changes are kept as a local draft (see drafts.ts) and put back when the workflow opens again.
 */
export function useWorkflowDocument(routeId: string | null, onLoaded: (lastExecution: Execution | null) => void) {
  const ui = useUi();
  const hist = useHistory<Workflow>(EMPTY_WORKFLOW);
  const wf = hist.present;
  const [id, setId] = useState<string | undefined>(routeId ?? undefined);
  const [loading, setLoading] = useState(!!routeId);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saved, setSaved] = useState(snapshot(EMPTY_WORKFLOW));
  const [saving, setSaving] = useState(false);
  const [serverIssues, setServerIssues] = useState<Record<string, ServerNodeIssues>>({});
  const [restored, setRestored] = useState<RestoredDraft | null>(null);
  const wfRef = useRef(wf);
  wfRef.current = wf;
  /** "Leave without saving" was chosen: no draft is written any more, even by a write already scheduled. */
  const discarded = useRef(false);
  const onLoadedRef = useRef(onLoaded);
  onLoadedRef.current = onLoaded;

  const dirty = snapshot(wf) !== saved || (!id && wf.nodes.length > 0);
  // read by a draft write when it runs: React renders a save's answer before it runs the effects that
  // cancel the write scheduled for the changes, so the write may find them saved meanwhile
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;

  /** Puts back the draft of `draftId` over the saved workflow (one undo step away from it), if it differs. */
  const restoreDraft = useCallback(
    (draftId: string | undefined, savedWf: Workflow) => {
      const draft = readDraft(draftId);
      setRestored(null);
      if (!draft) return;
      // a copy of a saved workflow under "new" (written by an older editor as the first save answered) is not new work
      if (snapshot(draft.workflow) === snapshot(savedWf) || (!draftId && draft.workflow.id)) {
        dropDraft(draftId);
        return;
      }
      const { issues: _computed, ...changes } = draft.workflow;
      hist.commit({ ...savedWf, ...changes, id: savedWf.id, versionId: savedWf.versionId, active: savedWf.active });
      setRestored({
        savedAt: draft.savedAt,
        savedElsewhere: !!draft.baseVersionId && draft.baseVersionId !== savedWf.versionId,
        saved: savedWf,
      });
    },
    [hist],
  );

  useEffect(() => {
    discarded.current = false;
    if (!routeId) {
      hist.reset({ ...EMPTY_WORKFLOW });
      setSaved(snapshot(EMPTY_WORKFLOW));
      setLoading(false);
      restoreDraft(undefined, { ...EMPTY_WORKFLOW });
      return;
    }
    let cancelled = false;
    setLoading(true);
    api.getWorkflow(routeId).then(
      (w) => {
        if (cancelled) return;
        const { issues, ...rest } = w;
        const normalized: Workflow = { ...rest, nodes: w.nodes ?? [], connections: w.connections ?? {} };
        hist.reset(normalized);
        setSaved(snapshot(normalized));
        setServerIssues(issuesByNode(issues ?? [], normalized));
        setId(w.id ?? routeId);
        setLoading(false);
        restoreDraft(routeId, normalized);
        // the last execution of this workflow, so the canvas shows what ran
        api.listExecutions({ workflowId: routeId, limit: 1 }).then(
          (page) => {
            const last = page.data[0];
            if (last && !cancelled)
              api.getExecution(last.id).then(
                (x) => !cancelled && onLoadedRef.current(x),
                () => undefined,
              );
            else if (!cancelled) onLoadedRef.current(null);
          },
          () => undefined,
        );
      },
      (e: Error) => {
        if (!cancelled) {
          setLoadError(e.message);
          setLoading(false);
        }
      },
    );
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [routeId]);

  // the local draft follows the unsaved changes (written shortly after each change, and when the page goes away)
  const wasDirty = useRef(false);
  useEffect(() => {
    if (loading || loadError) return undefined;
    if (!dirty) {
      // Only when the changes went away (saved, undone): on opening, this runs once before a restored draft
      // shows, and must not drop it.
      if (wasDirty.current) dropDraft(id);
      wasDirty.current = false;
      return undefined;
    }
    wasDirty.current = true;
    const write = () => {
      // a new workflow saved meanwhile has its id: its draft is never the one of "new"
      if (dirtyRef.current && !discarded.current)
        writeDraft(wfRef.current.id ?? id, toWire(wfRef.current), wfRef.current.versionId);
    };
    const t = setTimeout(write, 300);
    window.addEventListener('pagehide', write);
    return () => {
      clearTimeout(t);
      window.removeEventListener('pagehide', write);
    };
  }, [wf, dirty, id, loading, loadError]);

  /** Goes back to the saved workflow, dropping the restored changes. */
  const discardRestored = useCallback(() => {
    if (!restored) return;
    hist.reset(restored.saved);
    dropDraft(id);
    setRestored(null);
  }, [restored, hist, id]);

  /**
   * Leaving without saving: the changes are not kept for later either. The editor goes away only when the
   * address change arrives (a later task), so a draft write due by then must not bring them back.
   */
  const dropLocalDraft = useCallback(() => {
    discarded.current = true;
    dropDraft(id);
  }, [id]);

  /** Problems the server named (a refused run or activation): shown on the nodes they name. */
  const showServerProblems = useCallback((e: unknown, sent: Workflow) => {
    if (e instanceof ApiError && e.errors.length) setServerIssues(issuesByNode(e.errors, sent));
  }, []);

  const save = useCallback(
    async (quiet = false): Promise<string | undefined> => {
      const current = wfRef.current;
      const body = toWire(current);
      setSaving(true);
      const wasActive = !!current.active;
      try {
        const result = id ? await api.updateWorkflow(id, body) : await api.createWorkflow(body);
        const { issues, ...stored } = result;
        const merged: Workflow = {
          ...current,
          ...stored,
          nodes: result.nodes ?? current.nodes,
          connections: result.connections ?? current.connections,
        };
        // keep what was edited meanwhile; take the server's metadata
        hist.replace((now) =>
          now === current ? merged : { ...now, id: result.id, versionId: result.versionId, active: result.active },
        );
        setSaved(snapshot(merged));
        setServerIssues(issuesByNode(issues ?? [], merged));
        setRestored(null);
        if (!id) dropDraft(undefined);
        if (!id && result.id) {
          setId(result.id);
          replacePath(`/workflow/${result.id}`);
        }
        const count = issues?.length ?? 0;
        const loops = unboundedLoops(merged);
        if (loops.length) {
          ui.toast(
            'warning',
            'This workflow has a loop',
            `${loops.map((l) => [...l, l[0]].join(' → ')).join('; ')}: it runs until stopped. Loop with “Loop Over Items” to go through items in batches.`,
          );
        }
        if (wasActive && result.active === false) {
          ui.toast(
            'info',
            'Workflow saved and deactivated',
            `Fix its issues to activate it again: ${(issues ?? []).map((i) => i.text).join('; ')}`,
          );
        } else if (count && !quiet) {
          ui.toast(
            'info',
            'Workflow saved with issues',
            `${count === 1 ? 'One issue' : `${count} issues`} to fix before it can run or be activated.`,
          );
        } else if (!quiet) {
          ui.toast('success', 'Workflow saved');
        }
        return result.id ?? id;
      } catch (e) {
        showServerProblems(e, body);
        ui.toast('error', 'Problem saving workflow', e instanceof Error ? e.message : String(e));
        return undefined;
      } finally {
        setSaving(false);
      }
    },
    [id, hist, ui, showServerProblems],
  );

  /** After an edit of a node: the server's word on it is stale. */
  const clearServerIssues = useCallback((name: string) => {
    setServerIssues((s) => {
      if (!s[name]) return s;
      const { [name]: _gone, ...rest } = s;
      return rest;
    });
  }, []);

  const renameServerIssues = useCallback((oldName: string, name: string) => {
    setServerIssues((s) => {
      if (!s[oldName]) return s;
      const { [oldName]: moved, ...rest } = s;
      return { ...rest, [name]: moved };
    });
  }, []);

  return {
    hist,
    wf,
    wfRef,
    id,
    loading,
    loadError,
    dirty,
    saving,
    save,
    serverIssues,
    showServerProblems,
    clearServerIssues,
    renameServerIssues,
    restored,
    discardRestored,
    dropLocalDraft,
  };
}

export type WorkflowDocument = ReturnType<typeof useWorkflowDocument>;
