import type { CredentialType, JsonSchema } from '../src/api/types';
import haNode from './fixtures/homeAssistant.node.json';
import haCredential from './fixtures/homeAssistantApi.credential.json';
import switchNode from './fixtures/switch.node.json';

/** The ui-schema module's snapshot schemas: what the server sends per node / credential type. */
export const homeAssistantSchema = haNode as unknown as JsonSchema;
export const switchSchema = switchNode as unknown as JsonSchema;
export const haCredentialSchema = haCredential as unknown as JsonSchema;

export const haCredentialType: CredentialType = {
  name: 'homeAssistantApi',
  displayName: 'Home Assistant API',
  schema: haCredentialSchema,
  signsRequests: false,
};

/** A fetch stub answering by "METHOD path" and recording every request. */
export function fetchStub(routes: Record<string, (body: unknown) => unknown>) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  const fn = async (url: string, init?: RequestInit): Promise<Response> => {
    await Promise.resolve(); // answers asynchronously, as fetch does
    const method = init?.method ?? 'GET';
    const body: unknown = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, url, body });
    const key = `${method} ${url.split('?')[0]}`;
    const handler = routes[key];
    if (!handler) {
      return new Response(JSON.stringify({ title: 'Not Found', status: 404, detail: `no stub for ${key}` }), {
        status: 404,
      });
    }
    try {
      const out = handler(body);
      return new Response(JSON.stringify(out), { status: 200, headers: { 'Content-Type': 'application/json' } });
    } catch (e) {
      const err = e as { status?: number; detail?: string; errors?: unknown };
      return new Response(
        JSON.stringify({
          title: 'Error',
          status: err.status ?? 500,
          detail: err.detail ?? String(e),
          errors: err.errors ?? [],
        }),
        { status: err.status ?? 500, headers: { 'Content-Type': 'application/problem+json' } },
      );
    }
  };
  return { fn, calls };
}
