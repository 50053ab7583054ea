import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Workflow } from '../src/api/types';
import { useWorkflowDocument } from '../src/pages/editor/useWorkflowDocument';
import { UiProvider } from '../src/ui/Modal';
import { dropDraft, readDraft, writeDraft } from '../src/workflow/drafts';
import { fetchStub } from './fixtures';

const stored: Workflow = {
  id: 'wf-1',
  versionId: 'v1',
  name: 'Lights',
  active: false,
  nodes: [{ id: '1', name: 'Start', type: 'hearth.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }],
  connections: {},
};

const wrapper = ({ children }: { children: ReactNode }) => <UiProvider>{children}</UiProvider>;

function serverWith(workflow: Workflow) {
  const stub = fetchStub({
    'GET /api/v1/workflows/wf-1': () => workflow,
    'GET /api/v1/executions': () => ({ data: [], total: 0 }),
  });
  vi.stubGlobal('fetch', stub.fn);
  return stub;
}

/** The editor's document of `routeId`, loaded. */
async function open(routeId: string | null) {
  const view = renderHook(() => useWorkflowDocument(routeId, () => undefined), { wrapper });
  await waitFor(() => expect(view.result.current.loading).toBe(false));
  return view;
}

describe('unsaved work survives a reload or a crash (local draft)', () => {
  beforeEach(() => window.localStorage.clear());

  it('puts back the changes made before the page went away, unsaved, and Discard goes back to the saved workflow', async () => {
    const server = serverWith(stored);
    const first = await open('wf-1');
    act(() => first.result.current.hist.commit({ ...first.result.current.wf, name: 'Lights (edited)' }));
    await waitFor(() => expect(readDraft('wf-1')?.workflow.name).toBe('Lights (edited)'));
    first.unmount(); // the tab crashed: no save, no leave dialog

    const again = await open('wf-1');
    await waitFor(() => expect(again.result.current.wf.name).toBe('Lights (edited)'));
    expect(again.result.current.dirty).toBe(true);
    expect(again.result.current.restored).toMatchObject({ savedElsewhere: false });
    expect(server.calls.filter((c) => c.method !== 'GET')).toEqual([]);

    act(() => again.result.current.discardRestored());
    expect(again.result.current.wf.name).toBe('Lights');
    expect(again.result.current.dirty).toBe(false);
    expect(again.result.current.restored).toBeNull();
    expect(readDraft('wf-1')).toBeNull();
  });

  it('says when the workflow was saved elsewhere after the changes were made', async () => {
    serverWith(stored);
    const first = await open('wf-1');
    act(() => first.result.current.hist.commit({ ...first.result.current.wf, name: 'Mine' }));
    await waitFor(() => expect(readDraft('wf-1')).not.toBeNull());
    first.unmount();

    serverWith({ ...stored, versionId: 'v2', name: 'Theirs' });
    const again = await open('wf-1');
    await waitFor(() => expect(again.result.current.restored).toMatchObject({ savedElsewhere: true }));
    expect(again.result.current.wf.name).toBe('Mine');
    expect(again.result.current.wf.versionId).toBe('v2');
  });

  it('keeps a workflow that was never saved', async () => {
    serverWith(stored);
    const first = await open(null);
    act(() => first.result.current.hist.commit({ ...first.result.current.wf, name: 'New one', nodes: stored.nodes }));
    await waitFor(() => expect(readDraft(undefined)?.workflow.name).toBe('New one'));
    first.unmount();

    const again = await open(null);
    await waitFor(() => expect(again.result.current.wf.name).toBe('New one'));
    expect(again.result.current.dirty).toBe(true);
    // the restored work is kept at once, not only after the next change
    expect(readDraft(undefined)?.workflow.name).toBe('New one');
  });

  it('keeps nothing after Leave without saving, even from a draft write due before the editor goes away', async () => {
    serverWith(stored);
    const view = await open(null);
    act(() => view.result.current.hist.commit({ ...view.result.current.wf, name: 'Thrown away', nodes: stored.nodes }));
    act(() => view.result.current.dropLocalDraft());
    // the editor unmounts only when the address change arrives; a write due meanwhile runs first
    window.dispatchEvent(new Event('pagehide'));
    expect(readDraft(undefined)).toBeNull();
  });

  it('does not offer a saved workflow as new work', async () => {
    serverWith(stored);
    writeDraft(undefined, { ...stored, name: 'Lights, saved since' }, 'v1');
    const view = await open(null);
    expect(view.result.current.restored).toBeNull();
    expect(view.result.current.wf.nodes).toEqual([]);
    expect(readDraft(undefined)).toBeNull();
  });

  it('leaves no draft behind when nothing changed', async () => {
    serverWith(stored);
    const view = await open('wf-1');
    expect(view.result.current.restored).toBeNull();
    expect(readDraft('wf-1')).toBeNull();
  });
});

describe('local drafts of unsaved work', () => {
  beforeEach(() => window.localStorage.clear());

  it('keeps one draft per workflow, and one for a workflow never saved', () => {
    writeDraft('wf-1', stored, 'v1');
    writeDraft(undefined, { ...stored, name: 'New' }, undefined);
    expect(readDraft('wf-1')).toMatchObject({ baseVersionId: 'v1', workflow: { name: 'Lights' } });
    expect(readDraft(undefined)?.workflow.name).toBe('New');
    dropDraft('wf-1');
    expect(readDraft('wf-1')).toBeNull();
    expect(readDraft(undefined)).not.toBeNull();
  });

  it('ignores what is not a draft', () => {
    window.localStorage.setItem('hearth.draft.wf-2', '{not json');
    window.localStorage.setItem(
      'hearth.draft.wf-3',
      JSON.stringify({ savedAt: 'now', workflow: { name: 'no nodes' } }),
    );
    expect(readDraft('wf-2')).toBeNull();
    expect(readDraft('wf-3')).toBeNull();
  });
});
