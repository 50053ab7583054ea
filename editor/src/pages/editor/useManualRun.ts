import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import type { Execution, JsonObject } from '../../api/types';
import { useUi } from '../../ui/Modal';
import { toWire } from '../../workflow/model';
import type { WorkflowDocument } from './useWorkflowDocument';

const FINISHED = new Set(['success', 'error', 'canceled', 'crashed']);
const POLL_MS = 400;

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Manual runs from the editor: started at once (the server answers with the execution id), followed
 * live (per-node progress on the canvas) until they finish, and stoppable; or, for a workflow started
 * by a Webhook, listening for a test event.
 */
export function useManualRun(doc: WorkflowDocument, opts: { listenForWebhook: boolean }) {
  const ui = useUi();
  const [execution, setExecution] = useState<Execution | null>(null);
  /** the id of the manual execution in progress */
  const [runningId, setRunningId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [stopping, setStopping] = useState(false);
  const [listening, setListening] = useState<{ testUrls: string[]; expiresAt: string } | null>(null);
  const token = useRef(0);
  useEffect(
    () => () => {
      token.current++;
    },
    [],
  );

  const finish = useCallback(
    (x: Execution) => {
      setExecution(x);
      setRunningId(null);
      setStopping(false);
      if (x.status === 'success') ui.toast('success', 'Workflow executed successfully');
      else if (x.status === 'error' || x.status === 'crashed') {
        ui.toast(
          'error',
          'Problem in node',
          `${x.error?.node ? `${x.error.node}: ` : ''}${x.error?.message ?? 'The workflow failed'}`,
        );
      } else if (x.status === 'canceled') ui.toast('info', 'Execution stopped');
      else ui.toast('info', `Execution ${x.status}`);
    },
    [ui],
  );

  /** Follows an execution until it finishes, showing its progress. */
  const follow = useCallback(
    async (executionId: string, mine: number) => {
      setRunningId(executionId);
      for (;;) {
        if (token.current !== mine) return;
        let x: Execution;
        try {
          x = await api.getExecution(executionId);
        } catch (e) {
          if (token.current === mine) {
            setRunningId(null);
            ui.toast('error', 'Lost track of the execution', e instanceof Error ? e.message : String(e));
          }
          return;
        }
        if (token.current !== mine) return;
        if (FINISHED.has(x.status)) {
          finish(x);
          return;
        }
        setExecution(x);
        await sleep(POLL_MS);
      }
    },
    [finish, ui],
  );

  const stopListening = useCallback(() => {
    token.current++;
    setListening(null);
  }, []);

  const listen = useCallback(async () => {
    const wid = doc.dirty || !doc.id ? await doc.save(true) : doc.id;
    if (!wid) return;
    const mine = ++token.current;
    const draft = toWire(doc.wfRef.current);
    try {
      const r = await api.listenTestWebhook(wid, draft);
      setListening(r);
      const deadline = Date.now() + 130_000;
      while (token.current === mine && Date.now() < deadline) {
        await sleep(1000);
        if (token.current !== mine) return;
        const state = await api.testWebhookState(wid);
        if (state.executionId) {
          setListening(null);
          await follow(state.executionId, mine);
          return;
        }
        if (!state.listening) break;
      }
      if (token.current === mine) {
        setListening(null);
        ui.toast('info', 'Stopped listening', 'No test event arrived in time.');
      }
    } catch (e) {
      setListening(null);
      doc.showServerProblems(e, draft);
      ui.toast('error', 'Could not listen for a test event', e instanceof Error ? e.message : String(e));
    }
  }, [doc, follow, ui]);

  const execute = useCallback(
    async (input?: JsonObject[]) => {
      if (opts.listenForWebhook && !input) {
        await listen();
        return;
      }
      const mine = ++token.current;
      const draft = toWire(doc.wfRef.current);
      setStarting(true);
      try {
        const body = input ? { input } : {};
        const started = await api.startRun(doc.id, doc.id && !doc.dirty ? body : { ...body, workflow: draft });
        setStarting(false);
        setExecution({
          id: started.executionId,
          workflowId: doc.id ?? '',
          status: 'running',
          mode: 'manual',
          startedAt: new Date().toISOString(),
          nodes: {},
        });
        await follow(started.executionId, mine);
      } catch (e) {
        doc.showServerProblems(e, draft);
        ui.toast('error', 'Problem running workflow', e instanceof Error ? e.message : String(e));
      } finally {
        setStarting(false);
      }
    },
    [opts.listenForWebhook, listen, doc, follow, ui],
  );

  /** Stops the manual execution in progress (the server cancels it; the run ends as canceled). */
  const stop = useCallback(async () => {
    if (!runningId) return;
    setStopping(true);
    try {
      await api.cancelExecution(runningId);
    } catch (e) {
      setStopping(false);
      ui.toast('error', 'Could not stop the execution', e instanceof Error ? e.message : String(e));
    }
  }, [runningId, ui]);

  return {
    execution,
    setExecution,
    running: starting || runningId !== null,
    runningId,
    stopping,
    listening,
    execute,
    listen,
    stopListening,
    stop,
  };
}
