import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Credential } from '../src/api/types';
import { CredentialEditor } from '../src/credentials/CredentialEditor';
import { dataToSend, formStateOf } from '../src/credentials/credentialFormState';
import { fieldsOf } from '../src/form/schema';
import { fetchStub, haCredentialSchema, haCredentialType } from './fixtures';

const fields = fieldsOf(haCredentialSchema);
const stored: Credential = {
  id: 'c1',
  name: 'Home',
  type: 'homeAssistantApi',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  data: { host: 'ha.local', port: 8123, ssl: false, accessToken: '******' },
  secretsSet: ['accessToken'],
};

describe('credential form', () => {
  it('renders secrets as password inputs and never shows a stored secret', () => {
    render(<CredentialEditor type={haCredentialType} credential={stored} onSaved={() => undefined} />);
    const token = screen.getByTestId<HTMLInputElement>('cred-accessToken');
    expect(token.type).toBe('password');
    expect(token.value).toBe('');
    expect(token.placeholder).toBe('******');
    expect(screen.getByTestId<HTMLInputElement>('cred-host').value).toBe('ha.local');
  });

  it('leaves a stored secret out of the update when it was not retyped, so the server keeps it', async () => {
    const stub = fetchStub({ 'PUT /api/v1/credentials/c1': (b) => ({ ...stored, ...(b as object) }) });
    vi.stubGlobal('fetch', stub.fn);
    const onSaved = vi.fn();
    render(<CredentialEditor type={haCredentialType} credential={stored} onSaved={onSaved} />);
    fireEvent.change(screen.getByTestId('cred-host'), { target: { value: 'ha2.local' } });
    fireEvent.click(screen.getByTestId('credential-save'));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(stub.calls[0].body).toEqual({ name: 'Home', data: { host: 'ha2.local', port: 8123, ssl: false } });
  });

  it('sends a retyped secret', async () => {
    const stub = fetchStub({ 'PUT /api/v1/credentials/c1': () => stored });
    vi.stubGlobal('fetch', stub.fn);
    render(<CredentialEditor type={haCredentialType} credential={stored} onSaved={() => undefined} />);
    fireEvent.change(screen.getByTestId('cred-accessToken'), { target: { value: 'new-token' } });
    fireEvent.click(screen.getByTestId('credential-save'));
    await waitFor(() => expect(stub.calls).toHaveLength(1));
    expect((stub.calls[0].body as { data: object }).data).toMatchObject({ accessToken: 'new-token' });
  });

  it('masks the secret again after a new credential is saved', async () => {
    const stub = fetchStub({
      'POST /api/v1/credentials': (b) => ({
        id: 'c9',
        ...(b as object),
        data: { host: 'h', port: 8123, ssl: false, accessToken: '******' },
        secretsSet: ['accessToken'],
      }),
    });
    vi.stubGlobal('fetch', stub.fn);
    render(<CredentialEditor type={haCredentialType} onSaved={() => undefined} />);
    fireEvent.change(screen.getByTestId('cred-host'), { target: { value: 'h' } });
    fireEvent.change(screen.getByTestId('cred-accessToken'), { target: { value: 'secret-token' } });
    fireEvent.click(screen.getByTestId('credential-save'));
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>('cred-accessToken').placeholder).toBe('******'));
    expect(screen.getByTestId<HTMLInputElement>('cred-accessToken').value).toBe('');
    expect(stub.calls[0].body).toEqual({
      name: 'Home Assistant API account',
      type: 'homeAssistantApi',
      data: { host: 'h', port: 8123, ssl: false, accessToken: 'secret-token' },
    });
  });

  it('requires the required fields before saving a new credential', () => {
    const stub = fetchStub({});
    vi.stubGlobal('fetch', stub.fn);
    render(<CredentialEditor type={haCredentialType} onSaved={() => undefined} />);
    fireEvent.click(screen.getByTestId('credential-save'));
    expect(screen.getByTestId('error-host').textContent).toBe('Host is required');
    expect(screen.getByTestId('error-accessToken').textContent).toBe('Access Token is required');
    expect(stub.calls).toHaveLength(0);
  });

  it('shows the CA certificate field only with SSL', () => {
    render(<CredentialEditor type={haCredentialType} onSaved={() => undefined} />);
    expect(screen.queryByTestId('cred-caCertificate')).toBeNull();
    fireEvent.click(screen.getByTestId('cred-ssl'));
    expect(screen.queryByTestId('cred-caCertificate')).not.toBeNull();
  });

  it('offers no expression mode in credential fields', () => {
    render(<CredentialEditor type={haCredentialType} onSaved={() => undefined} />);
    expect(screen.queryByTestId('expr-toggle-host')).toBeNull();
  });

  it('tests with the stored secret and shows the precise failure message', async () => {
    const stub = fetchStub({
      'POST /api/v1/credentials/test': () => ({
        status: 'FAILED',
        message: 'Home Assistant rejected the access token (401)',
      }),
    });
    vi.stubGlobal('fetch', stub.fn);
    render(<CredentialEditor type={haCredentialType} credential={stored} onSaved={() => undefined} />);
    fireEvent.click(screen.getByTestId('credential-test'));
    await waitFor(() =>
      expect(screen.getByTestId('credential-test-result').textContent).toContain('rejected the access token (401)'),
    );
    expect(screen.getByTestId('credential-test-result').getAttribute('data-status')).toBe('FAILED');
    expect(stub.calls[0].body).toEqual({
      type: 'homeAssistantApi',
      id: 'c1',
      data: { host: 'ha.local', port: 8123, ssl: false },
    });
  });

  it('reports OK from the test button', async () => {
    const stub = fetchStub({ 'POST /api/v1/credentials/test': () => ({ status: 'OK', message: 'Connected' }) });
    vi.stubGlobal('fetch', stub.fn);
    render(<CredentialEditor type={haCredentialType} onSaved={() => undefined} />);
    fireEvent.click(screen.getByTestId('credential-test'));
    await waitFor(() => expect(screen.getByTestId('credential-test-result').getAttribute('data-status')).toBe('OK'));
  });

  it('shows server validation errors next to the field', async () => {
    const stub = fetchStub({
      'POST /api/v1/credentials': () => {
        throw {
          status: 400,
          detail: 'data.host: must not contain a scheme',
          errors: [{ path: 'data.host', message: 'must not contain a scheme' }],
        };
      },
    });
    vi.stubGlobal('fetch', stub.fn);
    render(<CredentialEditor type={haCredentialType} onSaved={() => undefined} />);
    fireEvent.change(screen.getByTestId('cred-host'), { target: { value: 'http://h' } });
    fireEvent.change(screen.getByTestId('cred-accessToken'), { target: { value: 't' } });
    fireEvent.click(screen.getByTestId('credential-save'));
    await waitFor(() => expect(screen.getByTestId('error-host').textContent).toBe('Host must not contain a scheme'));
    expect(stub.calls).toHaveLength(1);
    expect(screen.getByTestId('credential-error').textContent).toBe('data.host: must not contain a scheme');
  });

  it('reads masked values from the stored credential as set secrets', () => {
    expect(formStateOf(stored, fields)).toEqual({
      values: { host: 'ha.local', port: 8123, ssl: false },
      secretsSet: ['accessToken'],
    });
    expect(dataToSend(fields, { host: 'x', ssl: true, caCertificate: 'PEM' }, ['accessToken'])).toEqual({
      host: 'x',
      port: 8123,
      ssl: true,
      caCertificate: 'PEM',
    });
  });
});

describe('sign-in credential form', () => {
  const signInType = {
    name: 'homeAssistantOAuth2Api',
    displayName: 'Home Assistant (Sign in)',
    signsRequests: false,
    schema: {
      ...haCredentialSchema,
      properties: {
        ...Object.fromEntries(
          Object.entries(haCredentialSchema.properties as object).filter(([k]) => k !== 'accessToken'),
        ),
        oauthTokenData: { type: 'string', writeOnly: true, title: 'Sign-in' },
      },
      required: ['host'],
    },
    signIn: { tokenField: 'oauthTokenData', buttonText: 'Sign in with Home Assistant' },
  } as typeof haCredentialType;
  const unsigned: Credential = {
    id: 'c2',
    name: 'Home',
    type: signInType.name,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    data: { host: 'ha.local', port: 8123, ssl: false },
    secretsSet: [],
  };
  const signed: Credential = {
    ...unsigned,
    data: { ...unsigned.data, oauthTokenData: '******' },
    secretsSet: ['oauthTokenData'],
  };

  it('shows the sign-in button instead of the token field, opens the provider page and hears back from it', async () => {
    const stub = fetchStub({
      'POST /api/v1/credentials/c2/sign-in': () => ({
        url: 'http://ha.local:8123/auth/authorize?state=s',
        redirectUri: 'x',
      }),
      'GET /api/v1/credentials/c2': () => signed,
    });
    vi.stubGlobal('fetch', stub.fn);
    const popup = { location: { replace: vi.fn() }, close: vi.fn() };
    const open = vi.fn(() => popup as unknown as Window);
    vi.stubGlobal('open', open);
    render(<CredentialEditor type={signInType} credential={unsigned} onSaved={() => undefined} />);
    expect(screen.queryByTestId('cred-oauthTokenData')).toBeNull();
    expect(screen.getByTestId('credential-sign-in-status').textContent).toBe('Not signed in');
    fireEvent.click(screen.getByTestId('credential-sign-in'));
    await waitFor(() =>
      expect(popup.location.replace).toHaveBeenCalledWith('http://ha.local:8123/auth/authorize?state=s'),
    );
    expect(open).toHaveBeenCalledWith('', 'hearth-sign-in', expect.any(String));
    expect(stub.calls.map((c) => `${c.method} ${c.url}`)).toEqual(['POST /api/v1/credentials/c2/sign-in']);
    window.dispatchEvent(
      new MessageEvent('message', {
        origin: window.location.origin,
        data: { type: 'hearth-sign-in', credentialId: 'c2', ok: true },
      }),
    );
    await waitFor(() => expect(screen.getByTestId('credential-sign-in-status').textContent).toBe('Signed in'));
    expect(screen.getByTestId('credential-sign-in').textContent).toBe('Sign in again');
    expect(screen.getByTestId('credential-sign-out')).toBeTruthy();
  });

  it('saves a new credential before signing in, and Disconnect clears the sign-in', async () => {
    const stub = fetchStub({
      'POST /api/v1/credentials': () => ({ ...unsigned, id: 'c3' }),
      'POST /api/v1/credentials/c3/sign-in': () => ({ url: 'http://ha.local:8123/auth/authorize', redirectUri: 'x' }),
      'POST /api/v1/credentials/c2/sign-out': () => ({ signedIn: false, revoked: true }),
      'GET /api/v1/credentials/c2': () => unsigned,
    });
    vi.stubGlobal('fetch', stub.fn);
    vi.stubGlobal(
      'open',
      vi.fn(() => ({ location: { replace: vi.fn() }, close: vi.fn() }) as unknown as Window),
    );
    const { unmount } = render(<CredentialEditor type={signInType} onSaved={() => undefined} />);
    fireEvent.change(screen.getByTestId('cred-host'), { target: { value: 'ha.local' } });
    fireEvent.click(screen.getByTestId('credential-sign-in'));
    await waitFor(() =>
      expect(stub.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
        'POST /api/v1/credentials',
        'POST /api/v1/credentials/c3/sign-in',
      ]),
    );
    unmount();

    render(<CredentialEditor type={signInType} credential={signed} onSaved={() => undefined} />);
    fireEvent.click(screen.getByTestId('credential-sign-out'));
    await waitFor(() => expect(screen.getByTestId('credential-sign-in-status').textContent).toBe('Not signed in'));
    expect(screen.getByTestId('credential-sign-in-message').textContent).toContain('revoked');
  });

  it('offers Connect for the OAuth2 authorization code grant, not for client credentials', () => {
    const oauth2Type = {
      name: 'oAuth2Api',
      displayName: 'OAuth2 API',
      schema: {
        type: 'object',
        properties: {
          grantType: {
            title: 'Grant Type',
            type: 'string',
            default: 'authorizationCode',
            enum: ['authorizationCode', 'clientCredentials', 'pkce'],
            'x-ui': { widget: 'select', order: 0 },
          },
          oauthTokenData: {
            title: 'Connection',
            type: 'string',
            default: '',
            writeOnly: true,
            'x-ui': {
              widget: 'password',
              order: 1,
              secret: true,
              displayOptions: { hide: { grantType: ['clientCredentials'] } },
            },
          },
        },
      },
      signIn: { tokenField: 'oauthTokenData', buttonText: 'Connect my account' },
    } as unknown as typeof haCredentialType;
    const code: Credential = {
      id: 'o1',
      name: 'API',
      type: 'oAuth2Api',
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      data: { grantType: 'authorizationCode' },
      secretsSet: [],
    };
    const { unmount } = render(<CredentialEditor type={oauth2Type} credential={code} onSaved={() => undefined} />);
    expect(screen.getByTestId('credential-sign-in').textContent).toBe('Connect my account');
    unmount();
    render(
      <CredentialEditor
        type={oauth2Type}
        credential={{ ...code, data: { grantType: 'clientCredentials' } }}
        onSaved={() => undefined}
      />,
    );
    expect(screen.queryByTestId('credential-sign-in-panel')).toBeNull();
  });
});
