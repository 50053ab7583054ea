import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { TriggerInfo, WebhookInfo } from '../../api/types';

/** The saved workflow's webhook URLs, and its triggers' connection states while it is active. */
export function useWorkflowStatus(id: string | undefined, active: boolean) {
  const [triggers, setTriggers] = useState<TriggerInfo[]>([]);
  const [webhooks, setWebhooks] = useState<WebhookInfo[]>([]);
  const refreshWebhooks = useCallback((wid: string | undefined) => {
    if (!wid) return;
    api.webhooks(wid).then(setWebhooks, () => setWebhooks([]));
  }, []);
  useEffect(() => refreshWebhooks(id), [id, refreshWebhooks]);
  useEffect(() => {
    if (!id || !active) {
      setTriggers([]);
      return;
    }
    let stop = false;
    const poll = () =>
      api.triggers(id).then(
        (t) => !stop && setTriggers(t),
        () => undefined,
      );
    void poll();
    const timer = setInterval(() => void poll(), 5000);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [id, active]);
  return { triggers, webhooks, refreshWebhooks };
}
