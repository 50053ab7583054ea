/** The sign-in part of a credential whose type signs in through the browser ("Sign in with Home Assistant", OAuth2's Connect). */
export function SignInPanel({
  buttonText,
  signedIn,
  refused,
  busy,
  message,
  onSignIn,
  onDisconnect,
}: {
  buttonText: string;
  /** the credential holds what sign-in stored */
  signedIn: boolean;
  /** the provider no longer accepts it (the credential test said "Sign in again") */
  refused: boolean;
  busy: boolean;
  message: { ok: boolean; text: string } | null;
  onSignIn: () => void;
  onDisconnect: () => void;
}) {
  const status = !signedIn ? 'Not signed in' : refused ? 'The service no longer accepts this sign-in' : 'Signed in';
  return (
    <div className="field sign-in" data-testid="credential-sign-in-panel">
      <div className="field-label">
        <label>Sign-in</label>
      </div>
      <div
        className={`hint ${signedIn && !refused ? 'ok' : ''}`}
        data-testid="credential-sign-in-status"
        data-signed-in={signedIn && !refused ? 'true' : 'false'}
      >
        {status}
      </div>
      <div className="actions">
        <button
          type="button"
          className={`btn ${signedIn && !refused ? 'secondary' : 'primary'}`}
          data-testid="credential-sign-in"
          disabled={busy}
          onClick={onSignIn}
        >
          {signedIn ? 'Sign in again' : buttonText}
        </button>
        {signedIn && (
          <button
            type="button"
            className="btn secondary"
            data-testid="credential-sign-out"
            disabled={busy}
            onClick={onDisconnect}
          >
            Disconnect
          </button>
        )}
      </div>
      {message && (
        <div className={`test-result ${message.ok ? 'ok' : 'failed'}`} data-testid="credential-sign-in-message">
          {message.text}
        </div>
      )}
    </div>
  );
}
