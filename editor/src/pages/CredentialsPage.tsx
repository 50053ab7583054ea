import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
import type { CredentialSummary } from '../api/types';
import { CredentialModal } from '../credentials/CredentialModal';
import { useCatalog } from '../state/catalog';
import { useUi } from '../ui/Modal';
import { formatDate } from './format';

export function CredentialsPage() {
  const catalog = useCatalog();
  const ui = useUi();
  const [list, setList] = useState<CredentialSummary[] | null>(null);
  const [modal, setModal] = useState<{ id?: string } | null>(null);
  const load = useCallback(() => {
    api.listCredentials().then(setList, (e: Error) => ui.toast('error', 'Could not load credentials', e.message));
  }, [ui]);
  useEffect(load, [load]);
  const remove = async (c: CredentialSummary) => {
    let users: Array<{ id: string; name: string; active: boolean }>;
    try {
      users = await api.credentialUsage(c.id);
    } catch {
      users = [];
    }
    const message = users.length
      ? `Delete credential “${c.name}”? It is used by ${users.length === 1 ? 'the workflow' : `${users.length} workflows`}: ${users
          .map((w) => `“${w.name}”${w.active ? ' (active)' : ''}`)
          .join(', ')}. Their nodes will need another credential; active ones stop running those nodes.`
      : `Delete credential “${c.name}”? No workflow uses it.`;
    if (!(await ui.confirm(message))) return;
    try {
      await api.deleteCredential(c.id);
      load();
    } catch (e) {
      ui.toast('error', 'Could not delete the credential', (e as Error).message);
    }
  };
  return (
    <div className="page" data-testid="credentials-page">
      <div className="page-header">
        <h1>Credentials</h1>
        <span className="spacer" />
        <button type="button" className="btn primary" data-testid="create-credential" onClick={() => setModal({})}>
          + Add credential
        </button>
      </div>
      {list && list.length === 0 && (
        <div className="empty-state">
          <h2>No credentials yet</h2>
          <p className="muted">Credentials let nodes connect to Home Assistant and other services.</p>
        </div>
      )}
      {list && list.length > 0 && (
        <table className="list-table" data-testid="credentials-list">
          <thead>
            <tr>
              <th>Name</th>
              <th>Type</th>
              <th>Updated</th>
              <th>Created</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.id} data-testid={`credential-row-${c.id}`}>
                <td>
                  <button
                    type="button"
                    className="btn link strong"
                    data-testid={`open-credential-${c.id}`}
                    onClick={() => setModal({ id: c.id })}
                  >
                    {c.name}
                  </button>
                </td>
                <td>{catalog.credentialType(c.type)?.displayName ?? c.type}</td>
                <td>{formatDate(c.updatedAt)}</td>
                <td>{formatDate(c.createdAt)}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="btn link danger"
                    data-testid={`delete-credential-${c.id}`}
                    onClick={() => remove(c)}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {modal && (
        <CredentialModal
          credentialId={modal.id}
          types={catalog.credentialTypes}
          onClose={() => setModal(null)}
          onSaved={(c) => {
            ui.toast('success', 'Credential saved', c.name);
            load();
            setModal({ id: c.id });
          }}
        />
      )}
    </div>
  );
}
