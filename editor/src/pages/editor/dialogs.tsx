import { useState } from 'react';
import type { JsonObject } from '../../api/types';
import { Modal } from '../../ui/Modal';

export function RenameDialog({
  name,
  onRename,
  onClose,
}: {
  name: string;
  onRename: (draft: string) => void;
  onClose: () => void;
}) {
  const [draft, setDraft] = useState(name);
  const submit = () => {
    onRename(draft);
    onClose();
  };
  return (
    <Modal
      title="Rename node"
      onClose={onClose}
      testId="rename-dialog"
      footer={
        <>
          <button type="button" className="btn secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn primary" data-testid="rename-submit" onClick={submit}>
            Rename
          </button>
        </>
      }
    >
      <input
        autoFocus
        data-testid="rename-input"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && submit()}
      />
    </Modal>
  );
}

export function RunInputDialog({
  onRun,
  onClose,
  onInvalid,
}: {
  onRun: (items: JsonObject[]) => void;
  onClose: () => void;
  onInvalid: (message: string) => void;
}) {
  const [text, setText] = useState('[\n  {\n    "body": {}\n  }\n]');
  return (
    <Modal
      title="Run with input items"
      onClose={onClose}
      testId="run-input-dialog"
      footer={
        <>
          <button type="button" className="btn secondary" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="btn primary"
            data-testid="run-input-submit"
            onClick={() => {
              try {
                const parsed: unknown = JSON.parse(text);
                onClose();
                onRun((Array.isArray(parsed) ? parsed : [parsed]) as JsonObject[]);
              } catch (e) {
                onInvalid((e as Error).message);
              }
            }}
          >
            Execute
          </button>
        </>
      }
    >
      <p className="muted">The JSON items the trigger node outputs for this manual run.</p>
      <textarea
        className="code"
        rows={10}
        data-testid="run-input-json"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </Modal>
  );
}

/** n8n's "Save changes before leaving?": Leave without saving, Cancel (stay), or Save and leave. */
export function LeaveDialog({
  saving,
  onSave,
  onLeave,
  onStay,
}: {
  saving: boolean;
  onSave: () => void;
  onLeave: () => void;
  onStay: () => void;
}) {
  return (
    <Modal
      title="Save changes before leaving?"
      onClose={onStay}
      testId="leave-dialog"
      footer={
        <>
          <button type="button" className="btn secondary" data-testid="leave-discard" onClick={onLeave}>
            Leave without saving
          </button>
          <button type="button" className="btn secondary" data-testid="leave-cancel" onClick={onStay}>
            Cancel
          </button>
          <button type="button" className="btn primary" data-testid="leave-save" disabled={saving} onClick={onSave}>
            {saving ? 'Saving…' : 'Save'}
          </button>
        </>
      }
    >
      <p>If you don't save, you will lose your changes.</p>
    </Modal>
  );
}
