import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { Credential, CredentialSummary, CredentialType } from '../api/types';
import { Modal } from '../ui/Modal';
import { CredentialEditor } from './CredentialEditor';

/** Create (optionally of a given type) or edit a credential in a modal. */
export function CredentialModal({
  credentialId,
  types,
  fixedType,
  onClose,
  onSaved,
}: {
  credentialId?: string;
  types: CredentialType[];
  fixedType?: string;
  onClose: () => void;
  onSaved: (c: CredentialSummary) => void;
}) {
  const [credential, setCredential] = useState<Credential | undefined>();
  const [typeName, setTypeName] = useState<string>(fixedType ?? (types.length === 1 ? types[0].name : ''));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!credentialId) return;
    api.getCredential(credentialId).then(
      (c) => {
        setCredential(c);
        setTypeName(c.type);
      },
      (e: Error) => setError(e.message),
    );
  }, [credentialId]);
  const type = types.find((t) => t.name === typeName);
  const loading = credentialId && !credential && !error;
  return (
    <Modal
      title={credentialId ? `Edit credential` : type ? `New ${type.displayName} credential` : 'Add credential'}
      onClose={onClose}
      testId="credential-modal"
    >
      {error && <div className="form-error">{error}</div>}
      {loading && <div className="muted">Loading…</div>}
      {!credentialId && !fixedType && (
        <div className="field">
          <div className="field-label">
            <label htmlFor="credential-type-select">Credential type</label>
          </div>
          <select
            id="credential-type-select"
            data-testid="credential-type-select"
            value={typeName}
            onChange={(e) => setTypeName(e.target.value)}
          >
            <option value="">Select a type…</option>
            {types.map((t) => (
              <option key={t.name} value={t.name}>
                {t.displayName}
              </option>
            ))}
          </select>
        </div>
      )}
      {type && !loading && (
        <CredentialEditor
          key={`${typeName}-${credential?.id ?? 'new'}`}
          type={type}
          credential={credential}
          onCancel={onClose}
          onSaved={(c) => onSaved(c)}
        />
      )}
    </Modal>
  );
}
