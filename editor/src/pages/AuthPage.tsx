import { type FormEvent, useState } from 'react';
import { api } from '../api/client';
import type { User } from '../api/types';

/** Owner setup (first start) or sign-in. */
export function AuthPage({ setup, onDone }: { setup: boolean; onDone: (u: User) => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (setup && password.length < 8) {
      setError('The password needs at least 8 characters');
      return;
    }
    setBusy(true);
    try {
      const user = setup ? await api.setup(email, password, name) : await api.login(email, password);
      onDone(user);
    } catch (err) {
      setError((err as Error).message || 'Sign-in failed');
    } finally {
      setBusy(false);
    }
  };
  const p = setup ? 'setup' : 'login';
  return (
    <div className="auth-page">
      <form className="auth-card" onSubmit={submit} data-testid={`${p}-form`}>
        <div className="brand">
          <span className="brand-mark">◆</span> Hearth
        </div>
        <h1>{setup ? 'Set up owner account' : 'Sign in'}</h1>
        {setup && (
          <p className="muted">This account owns the Hearth instance: workflows, credentials and executions.</p>
        )}
        <label>
          Email
          <input
            type="email"
            required
            autoComplete="username"
            data-testid={`${p}-email`}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        {setup && (
          <label>
            Name
            <input required data-testid="setup-name" value={name} onChange={(e) => setName(e.target.value)} />
          </label>
        )}
        <label>
          Password
          <input
            type="password"
            required
            autoComplete={setup ? 'new-password' : 'current-password'}
            data-testid={`${p}-password`}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {setup && <div className="hint">At least 8 characters</div>}
        {error && (
          <div className="form-error" data-testid="auth-error">
            {error}
          </div>
        )}
        <button type="submit" className="btn primary block" data-testid={`${p}-submit`} disabled={busy}>
          {setup ? 'Next' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
