import { useState } from 'react';
import type { Settings, WebhookInfo, WorkflowNode } from '../api/types';
import type { schemaFields } from '../state/catalog';
import { Icon } from '../ui/icons';

function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** A webhook trigger's test and production URLs, and "Listen for test event". */
export function WebhookUrls({
  node,
  fields,
  webhooks,
  settings,
  listening,
  onListen,
}: {
  node: WorkflowNode;
  fields: ReturnType<typeof schemaFields>;
  webhooks: WebhookInfo[];
  settings: Settings | null;
  listening: boolean;
  onListen: () => void;
}) {
  const [which, setWhich] = useState<'test' | 'production'>('test');
  const fromServer = webhooks.filter((w) => w.node === node.name);
  const pathField = fields.find((f) => f.name === 'path');
  const methodField = fields.find((f) => f.name === 'httpMethod');
  const path = String(node.parameters.path ?? pathField?.default ?? '');
  const method = node.parameters.httpMethod ?? methodField?.default ?? 'GET';
  const origin = window.location.origin;
  const computed = {
    method: Array.isArray(method) ? method.join(', ') : String(method),
    testUrl: joinUrl(settings?.webhookTestUrl ?? `${origin}/webhook-test`, path),
    productionUrl: joinUrl(settings?.webhookUrl ?? `${origin}/webhook`, path),
  };
  const rows =
    fromServer.length && fromServer.some((w) => w.path.replace(/^\/+/, '') === path.replace(/^\/+/, ''))
      ? fromServer.map((w) => ({ method: w.method, testUrl: w.testUrl, productionUrl: w.productionUrl }))
      : [computed];
  return (
    <div className="webhook-urls" data-testid="webhook-urls">
      <div className="webhook-urls-head">
        <strong>Webhook URLs</strong>
        <div className="segmented">
          <button
            type="button"
            className={which === 'test' ? 'on' : ''}
            data-testid="webhook-tab-test"
            onClick={() => setWhich('test')}
          >
            Test URL
          </button>
          <button
            type="button"
            className={which === 'production' ? 'on' : ''}
            data-testid="webhook-tab-production"
            onClick={() => setWhich('production')}
          >
            Production URL
          </button>
        </div>
      </div>
      {rows.map((r, i) => {
        const url = which === 'test' ? r.testUrl : r.productionUrl;
        return (
          <div className="webhook-url" key={i}>
            <span className="method">{r.method}</span>
            <code data-testid={`webhook-${which}-url`}>{url}</code>
            <button type="button" className="icon-btn" title="Copy" onClick={() => navigator.clipboard?.writeText(url)}>
              <Icon name="copy" size={14} />
            </button>
          </div>
        );
      })}
      <div className="hint">
        {which === 'test'
          ? 'The test URL runs the workflow once in the editor after you click “Listen for test event”.'
          : 'The production URL runs the workflow whenever it is called, once the workflow is active.'}
      </div>
      {which === 'test' && (
        <button
          type="button"
          className="btn secondary small"
          data-testid="listen-test-event"
          disabled={listening}
          onClick={onListen}
        >
          {listening ? 'Listening…' : 'Listen for test event'}
        </button>
      )}
    </div>
  );
}
