import type { Workflow } from '../api/types';

/**
 * A local copy of unsaved work in this browser, kept while the editor has changes, so that an accidental reload or
 * a closed tab loses nothing: the editor restores it the next time the workflow opens. Saving, or leaving with
 * "Leave without saving", removes it.
 */
export interface Draft {
  /** when it was last written (ISO) */
  savedAt: string;
  /** the saved version the changes were made on; another means it was saved elsewhere since */
  baseVersionId?: string;
  workflow: Workflow;
}

const PREFIX = 'hearth.draft.';

function key(id: string | undefined): string {
  return PREFIX + (id ?? 'new');
}

export function readDraft(id: string | undefined): Draft | null {
  try {
    const raw = window.localStorage.getItem(key(id));
    if (!raw) return null;
    const d = JSON.parse(raw) as Draft;
    return d && typeof d.savedAt === 'string' && d.workflow && Array.isArray(d.workflow.nodes) ? d : null;
  } catch {
    return null;
  }
}

export function writeDraft(id: string | undefined, workflow: Workflow, baseVersionId: string | undefined): void {
  try {
    const d: Draft = { savedAt: new Date().toISOString(), baseVersionId, workflow };
    window.localStorage.setItem(key(id), JSON.stringify(d));
  } catch {
    // storage full or disabled: the leave guard still asks before changes are lost
  }
}

export function dropDraft(id: string | undefined): void {
  try {
    window.localStorage.removeItem(key(id));
  } catch {
    // nothing to drop
  }
}
