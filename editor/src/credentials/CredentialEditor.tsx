import { useEffect, useMemo, useState } from 'react';
import { api } from '../api/client';
import type { Credential, CredentialSummary, CredentialType, JsonObject } from '../api/types';
import { isVisible, rootScope } from '../form/displayOptions';
import { type Issues, validate } from '../form/model';
import { ParameterForm } from '../form/ParameterForm';
import { isEmptyValue } from '../form/values';
import { schemaFields } from '../state/catalog';
import { dataToSend, formStateOf, isSecret, issuesFromError } from './credentialFormState';
import { SignInPanel } from './SignInPanel';

export interface CredentialEditorProps {
  type: CredentialType;
  credential?: Credential;
  onSaved: (c: CredentialSummary) => void;
  onCancel?: () => void;
  existingNames?: string[];
}

/**
 * Credential form: fields from the credential schema, secrets masked, Test and Save. A type with a browser
 * sign-in shows its sign-in button (which saves first) instead of the field the sign-in fills.
 */
export function CredentialEditor({ type, credential, onSaved, onCancel }: CredentialEditorProps) {
  const schema = schemaFields(type.schema);
  const signIn = type.signIn;
  const fields = useMemo(
    () => (signIn ? schema.filter((f) => f.name !== signIn.tokenField) : schema),
    [schema, signIn],
  );
  const tokenField = signIn ? schema.find((f) => f.name === signIn.tokenField) : undefined;
  const initial = useMemo(() => formStateOf(credential, fields), [credential, fields]);
  const [values, setValues] = useState<JsonObject>(initial.values);
  const [secretsSet, setSecretsSet] = useState<string[]>(initial.secretsSet);
  const [name, setName] = useState(credential?.name ?? `${type.displayName} account`);
  const [id, setId] = useState<string | undefined>(credential?.id);
  const [touched, setTouched] = useState(false);
  const [serverIssues, setServerIssues] = useState<Issues>({});
  const [test, setTest] = useState<{ status: string; message?: string } | null>(null);
  const [busy, setBusy] = useState<'test' | 'save' | 'sign-in' | null>(null);
  const [signInMessage, setSignInMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setValues(initial.values);
    setSecretsSet(initial.secretsSet);
  }, [initial]);

  const clientIssues = validate(fields, values, {
    expressions: false,
    mayBeOmitted: (f) => isSecret(f) && secretsSet.includes(f.name),
  });
  // a stored secret is "set" even though its input is empty
  for (const s of secretsSet) {
    if (clientIssues[s] === 'is required' && isEmptyValue(values[s])) delete clientIssues[s];
  }
  const issues: Issues = { ...(touched ? clientIssues : {}), ...serverIssues };

  const onTest = async () => {
    setTouched(true);
    setBusy('test');
    setTest(null);
    setError(null);
    try {
      const r = await api.testCredential({
        type: type.name,
        data: dataToSend(fields, values, secretsSet),
        ...(id ? { id } : {}),
      });
      setTest({ status: r.status, message: r.message });
    } catch (e) {
      setServerIssues(issuesFromError(e));
      setTest({ status: 'FAILED', message: (e as Error).message });
    } finally {
      setBusy(null);
    }
  };

  // what the sign-in window or Disconnect last reported wins over a credential loaded before it
  const [signInSeen, setSignInSeen] = useState<boolean | null>(null);
  const signedIn = !!signIn && (signInSeen ?? secretsSet.includes(signIn.tokenField));
  /** whether the values need a sign-in (OAuth2's Client Credentials grant does not: the field it fills is hidden) */
  const signInShown = !!signIn && (!tokenField || isVisible(tokenField, rootScope(values, fields)));
  /** a sign-in belongs to the address it was made for: changing the address clears it */
  const addressChanged = fields.some(
    (f) =>
      !isSecret(f) &&
      JSON.stringify(values[f.name] ?? f.default) !== JSON.stringify(initial.values[f.name] ?? f.default),
  );

  /** Saves the form; the saved credential, or undefined when it could not be saved (the form says why). */
  const save = async (): Promise<Credential | undefined> => {
    setTouched(true);
    setError(null);
    if (Object.keys(clientIssues).length) {
      setError('Fix the highlighted fields first');
      return undefined;
    }
    try {
      const data = dataToSend(fields, values, secretsSet);
      if (signIn && signedIn && addressChanged) data[signIn.tokenField] = '';
      const saved = id
        ? await api.updateCredential(id, { name, data })
        : await api.createCredential({ name, type: type.name, data });
      setId(saved.id);
      const after = formStateOf(saved, fields);
      setValues(after.values);
      setSecretsSet(after.secretsSet);
      setSignInSeen(null);
      setServerIssues({});
      onSaved(saved);
      return saved;
    } catch (e) {
      setServerIssues(issuesFromError(e));
      setError((e as Error).message);
      return undefined;
    }
  };

  const onSave = async () => {
    setBusy('save');
    try {
      await save();
    } finally {
      setBusy(null);
    }
  };

  const reload = async (credentialId: string) => {
    const fresh = await api.getCredential(credentialId);
    setSecretsSet(formStateOf(fresh, fields).secretsSet);
  };

  const onSignIn = async () => {
    setSignInMessage(null);
    // opened now, while the click still counts as the user's: a window opened after the awaits below is blocked
    const popup = window.open('', 'hearth-sign-in', 'width=560,height=760');
    if (!popup) {
      setSignInMessage({
        ok: false,
        text: 'The browser blocked the sign-in window: allow pop-ups for Hearth and try again',
      });
      return;
    }
    setBusy('sign-in');
    try {
      const saved = !id || addressChanged || name !== credential?.name ? await save() : undefined;
      const credentialId = saved?.id ?? id;
      if (!credentialId) {
        popup.close();
        return;
      }
      const { url } = await api.credentialSignIn(credentialId);
      popup.location.replace(url);
    } catch (e) {
      popup.close();
      setSignInMessage({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(null);
    }
  };

  const onDisconnect = async () => {
    if (!id) return;
    setBusy('sign-in');
    try {
      const r = await api.credentialSignOut(id);
      // status and message change together (one render): the form never shows "Not signed in" beside "Signed in"
      setTest(null);
      setSignInMessage(
        r.revoked
          ? { ok: true, text: 'Disconnected: the sign-in was revoked' }
          : { ok: false, text: r.message ?? 'Disconnected' },
      );
      setSignInSeen(false);
      await reload(id);
    } catch (e) {
      setSignInMessage({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(null);
    }
  };

  // the sign-in window tells this page when it is done (Hearth's callback page, same origin)
  useEffect(() => {
    if (!signIn || !id) return undefined;
    const onMessage = (e: MessageEvent) => {
      const m = e.data as { type?: string; credentialId?: string; ok?: boolean; message?: string } | null;
      if (e.origin !== window.location.origin || m?.type !== 'hearth-sign-in' || m.credentialId !== id) return;
      setTest(null);
      if (m.ok) setSignInSeen(true);
      setSignInMessage(
        m.ok ? { ok: true, text: 'Signed in' } : { ok: false, text: m.message || 'You were not signed in' },
      );
      void reload(id);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the listener lives while a sign-in window is open; reload is a fresh closure each render
  }, [signIn, id]);

  return (
    <div className="credential-editor" data-testid="credential-editor">
      <div className="field">
        <div className="field-label">
          <label htmlFor="credential-name">Credential name</label>
        </div>
        <input
          id="credential-name"
          data-testid="credential-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      {type.documentationUrl && (
        <div className="hint">
          Need help?{' '}
          <a href={type.documentationUrl} target="_blank" rel="noreferrer">
            Open the docs
          </a>
        </div>
      )}
      <ParameterForm
        fields={fields}
        values={values}
        onChange={(v) => {
          setValues(v);
          setServerIssues({});
          setTest(null);
        }}
        env={{ expressions: false, issues, secretsSet, testIdPrefix: 'cred-' }}
      />
      {signIn && signInShown && (
        <SignInPanel
          buttonText={signIn.buttonText}
          signedIn={signedIn}
          refused={test?.status === 'FAILED' && (test.message ?? '').startsWith('Sign in again')}
          busy={busy !== null}
          message={signInMessage}
          onSignIn={onSignIn}
          onDisconnect={onDisconnect}
        />
      )}
      {signIn && signedIn && addressChanged && (
        <div className="hint">Saving a new address removes the sign-in: sign in again after saving.</div>
      )}
      {secretsSet.some((s) => s !== signIn?.tokenField) && (
        <div className="hint">Saved secrets are never shown again; leave them empty to keep them.</div>
      )}
      {test && (
        <div
          className={`test-result ${test.status === 'OK' ? 'ok' : test.status === 'UNSUPPORTED' ? 'muted' : 'failed'}`}
          data-testid="credential-test-result"
          data-status={test.status}
        >
          {test.status === 'OK'
            ? `Connection tested successfully${test.message ? `: ${test.message}` : ''}`
            : test.status === 'UNSUPPORTED'
              ? 'This credential type cannot be tested'
              : `Couldn't connect: ${test.message ?? 'unknown error'}`}
        </div>
      )}
      {error && (
        <div className="form-error" data-testid="credential-error">
          {error}
        </div>
      )}
      <div className="actions">
        {onCancel && (
          <button type="button" className="btn secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button
          type="button"
          className="btn secondary"
          data-testid="credential-test"
          disabled={busy !== null}
          onClick={onTest}
        >
          {busy === 'test' ? 'Testing…' : 'Test'}
        </button>
        <button
          type="button"
          className="btn primary"
          data-testid="credential-save"
          disabled={busy !== null}
          onClick={onSave}
        >
          {busy === 'save' ? 'Saving…' : 'Save'}
        </button>
      </div>
    </div>
  );
}
