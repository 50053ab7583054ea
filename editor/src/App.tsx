import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { api, onUnauthorized } from './api/client';
import type { AuthStatus } from './api/types';
import { AuthPage } from './pages/AuthPage';
import { CredentialsPage } from './pages/CredentialsPage';
import { ExecutionDetailPage, ExecutionsPage } from './pages/ExecutionsPage';
import { WorkflowEditorPage } from './pages/WorkflowEditorPage';
import { WorkflowListPage } from './pages/WorkflowListPage';
import { match, useHashPath } from './router';
import { CatalogProvider, useCatalog } from './state/catalog';
import { Icon } from './ui/icons';
import { UiProvider } from './ui/Modal';

export function App() {
  const [status, setStatus] = useState<AuthStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    api.authStatus().then(
      (s) => {
        setStatus(s);
        setError(null);
      },
      (e: Error) => setError(e.message),
    );
  }, []);
  useEffect(refresh, [refresh]);
  useEffect(() => onUnauthorized(() => setStatus((s) => (s ? { ...s, authenticated: false, user: null } : s))), []);

  if (error) {
    return (
      <div className="page-loading">
        Cannot reach the Hearth server: {error}{' '}
        <button type="button" className="btn secondary" onClick={refresh}>
          Retry
        </button>
      </div>
    );
  }
  if (!status) return <div className="page-loading">Loading…</div>;
  return (
    <UiProvider>
      {status.setupRequired || !status.authenticated ? (
        <AuthPage
          setup={status.setupRequired}
          onDone={(user) => setStatus({ setupRequired: false, authenticated: true, user })}
        />
      ) : (
        <CatalogProvider>
          <Shell user={status.user} onLogout={() => api.logout().finally(refresh)} />
        </CatalogProvider>
      )}
    </UiProvider>
  );
}

function Shell({ user, onLogout }: { user: AuthStatus['user']; onLogout: () => void }) {
  const path = useHashPath();
  const catalog = useCatalog();
  let page: ReactNode;
  let section = 'workflows';
  let m: Record<string, string> | null;
  if (match('/workflow/new', path)) {
    page = <WorkflowEditorPage key="new" id={null} />;
  } else if ((m = match('/workflow/:id/executions', path))) {
    page = <ExecutionsPage key={`wx-${m.id}`} workflowId={m.id} />;
    section = 'executions';
  } else if ((m = match('/workflow/:id', path))) {
    page = <WorkflowEditorPage key={m.id} id={m.id} />;
  } else if (match('/credentials', path)) {
    page = <CredentialsPage />;
    section = 'credentials';
  } else if (match('/executions', path)) {
    page = <ExecutionsPage />;
    section = 'executions';
  } else if ((m = match('/execution/:id', path))) {
    page = <ExecutionDetailPage key={m.id} id={m.id} />;
    section = 'executions';
  } else {
    page = <WorkflowListPage />;
  }
  return (
    <div className="shell">
      <nav className="sidebar">
        <a className="brand" href="#/workflows">
          <span className="brand-mark">◆</span>
          <span className="brand-text">Hearth</span>
        </a>
        <a href="#/workflows" className={section === 'workflows' ? 'on' : ''} data-testid="nav-workflows">
          <span className="nav-icon">
            <Icon name="workflows" />
          </span>
          <span>Workflows</span>
        </a>
        <a href="#/credentials" className={section === 'credentials' ? 'on' : ''} data-testid="nav-credentials">
          <span className="nav-icon">
            <Icon name="key" />
          </span>
          <span>Credentials</span>
        </a>
        <a href="#/executions" className={section === 'executions' ? 'on' : ''} data-testid="nav-executions">
          <span className="nav-icon">
            <Icon name="list" />
          </span>
          <span>Executions</span>
        </a>
        <span className="spacer" />
        {catalog.settings?.version && <div className="version muted">v{catalog.settings.version}</div>}
        <div className="user" title={user?.email}>
          {user?.name ?? user?.email}
        </div>
        <button type="button" className="btn link" data-testid="logout" onClick={onLogout}>
          Sign out
        </button>
      </nav>
      <main className="main">
        {catalog.error && <div className="form-error">Could not load node types: {catalog.error}</div>}
        {!catalog.loaded ? <div className="page-loading">Loading nodes…</div> : page}
      </main>
    </div>
  );
}
