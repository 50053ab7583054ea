#!/usr/bin/env node
// Browser end-to-end test of the Hearth editor against a running server and a real Home Assistant.
//
//   node e2e/editor.e2e.mjs --base-url http://127.0.0.1:5678 --ha-url http://127.0.0.1:8123 \
//     --ha-host 127.0.0.1 --ha-port 8123 --ha-token <long-lived token> --out /tmp/e2e
//
// Every argument may also come from the environment: HEARTH_BASE_URL, HEARTH_HA_URL, HEARTH_HA_HOST,
// HEARTH_HA_PORT, HEARTH_HA_TOKEN, HEARTH_E2E_OUT, HEARTH_OWNER_EMAIL, HEARTH_OWNER_PASSWORD,
// CHROMIUM_PATH (default /usr/bin/chromium). Writes screenshots and report.json into --out and exits
// non-zero when a step fails. Uses playwright-core with the machine's Chromium (no browser download).

import { resolve } from 'node:path';
import { args, closePanel, mouseDrag as drag, session, signIn, tid, until } from './support.mjs';

const a = args(process.argv);
const env = process.env;
const haUrl = a['ha-url'] ?? env.HEARTH_HA_URL ?? '';
const parsedHa = haUrl ? new URL(haUrl) : null;
const cfg = {
  baseUrl: (a['base-url'] ?? env.HEARTH_BASE_URL ?? 'http://127.0.0.1:5678').replace(/\/+$/, ''),
  haUrl,
  haHost: a['ha-host'] ?? env.HEARTH_HA_HOST ?? parsedHa?.hostname ?? '127.0.0.1',
  haPort: a['ha-port'] ?? env.HEARTH_HA_PORT ?? parsedHa?.port ?? '8123',
  haSsl: (a['ha-ssl'] ?? (parsedHa?.protocol === 'https:' ? 'true' : 'false')) === 'true',
  haToken: a['ha-token'] ?? env.HEARTH_HA_TOKEN ?? '',
  out: resolve(a.out ?? env.HEARTH_E2E_OUT ?? 'target/e2e'),
  email: a.email ?? env.HEARTH_OWNER_EMAIL ?? 'owner@hearth.test',
  password: a.password ?? env.HEARTH_OWNER_PASSWORD ?? 'hearth-e2e-password',
  chromium: a.chromium ?? env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  entity: a.entity ?? env.HEARTH_E2E_ENTITY ?? 'sun.sun',
  headed: a.headed === 'true',
};

if (!cfg.haToken) {
  console.error('missing --ha-token (or HEARTH_HA_TOKEN)');
  process.exit(2);
}

const stamp = Date.now().toString(36);
const credentialName = `Home Assistant e2e ${stamp}`;
const workflowName = `Webhook to Home Assistant ${stamp}`;
const webhookPath = `e2e-${stamp}`;
let page;
let step;
let screenshot;

/** Drags with real mouse events from one element's centre to another's (React Flow handles). */
async function mouseDrag(from, to) {
  await drag(page, from, to);
}

async function dropOnCanvas(typeName, x, y) {
  const canvas = page.locator(tid('canvas'));
  await page.locator(tid(`palette-item-${typeName}`)).dragTo(canvas, { targetPosition: { x, y } });
}

async function main() {
  const s = await session({ out: cfg.out, chromiumPath: cfg.chromium, headed: cfg.headed });
  s.report.config = { ...cfg, haToken: '***', password: '***' };
  page = s.page;
  step = s.step;
  screenshot = s.screenshot;
  let nodeTypes = {};
  let error = null;
  try {
    await step('Sign in', async () => {
      const which = await signIn(page, cfg.baseUrl, cfg.email, cfg.password);
      // the node type names, to find the palette items
      nodeTypes = await page.evaluate(async () => {
        const r = await fetch('/api/v1/node-types', { credentials: 'same-origin' });
        const list = await r.json();
        const find = (re) => list.find((t) => re.test(t.name) || re.test(t.displayName))?.name;
        return { webhook: find(/^Webhook$|\.webhook$/i), homeAssistant: find(/^Home Assistant$|\.homeAssistant$/i) };
      });
      if (!nodeTypes.webhook || !nodeTypes.homeAssistant)
        throw new Error(`node types not found: ${JSON.stringify(nodeTypes)}`);
      return { mode: which, nodeTypes };
    });

    await step('Create Home Assistant credential and test it', async () => {
      await page.click(tid('nav-credentials'));
      await page.click(tid('create-credential'));
      await page.selectOption(tid('credential-type-select'), 'homeAssistantApi');
      await page.fill(tid('credential-name'), credentialName);
      await page.fill(tid('cred-host'), cfg.haHost);
      await page.fill(tid('cred-port'), String(cfg.haPort));
      if (cfg.haSsl) await page.check(tid('cred-ssl'));
      await page.fill(tid('cred-accessToken'), cfg.haToken);
      await page.click(tid('credential-test'));
      const result = page.locator(tid('credential-test-result'));
      await result.waitFor({ timeout: 30_000 });
      const status = await result.getAttribute('data-status');
      const text = await result.textContent();
      if (status !== 'OK') throw new Error(`credential test answered ${status}: ${text}`);
      return { test: text };
    });

    await step('Save the credential', async () => {
      await page.click(tid('credential-save'));
      await page.locator(tid('toast-success')).first().waitFor();
      // saved secrets are masked and never shown again
      const token = await page.locator(tid('cred-accessToken')).inputValue();
      if (token) throw new Error('the saved access token is displayed again');
      await page.click(tid('modal-close'));
      await page.locator(tid('credentials-list')).getByText(credentialName).waitFor();
    });

    await step('Create workflow with Webhook and Home Assistant nodes', async () => {
      await page.click(tid('nav-workflows'));
      await page.click(tid('new-workflow'));
      await page.locator(tid('canvas-empty')).waitFor();
      await page.fill(tid('workflow-name'), workflowName);
      await dropOnCanvas(nodeTypes.webhook, 380, 320);
      await page.locator(tid('node-Webhook')).waitFor();
      await dropOnCanvas(nodeTypes.homeAssistant, 760, 320);
      await page.locator(tid('node-Home Assistant')).waitFor();
    });

    await step('Connect Webhook to Home Assistant', async () => {
      // one drag, as a person: the connection is drawn (no second try)
      await mouseDrag(page.locator(tid('handle-out-Webhook-0')), page.locator(tid('handle-in-Home Assistant-0')));
      // rendered is drawn: React Flow renders a connection once it knows where both ends are
      await page
        .locator('[data-testid="rf__edge-Webhook:0->Home Assistant:0"] path.react-flow__edge-path')
        .first()
        .waitFor({ state: 'attached', timeout: 5_000 });
    });

    await step('Configure the Webhook node', async () => {
      await page.locator(tid('node-Webhook')).dblclick();
      await page.locator(tid('node-panel')).waitFor();
      await page.selectOption(tid('param-httpMethod'), { label: 'POST' });
      await page.fill(tid('param-path'), webhookPath);
      await page.locator(tid('webhook-test-url')).first().waitFor();
      const url = await page.locator(tid('webhook-test-url')).first().textContent();
      if (!url?.includes(webhookPath)) throw new Error(`test URL ${url} lacks the path`);
      await screenshot('webhook-node-panel');
      await closePanel(page);
      return { testUrl: url };
    });

    let entityLabel;
    await step('Configure the Home Assistant node with a live entity dropdown', async () => {
      await page.locator(tid('node-Home Assistant')).dblclick();
      await page.locator(tid('node-panel')).waitFor();
      await page.selectOption(tid('credential-select-homeAssistantApi'), { label: credentialName });
      await page.selectOption(tid('param-resource'), { label: 'State' });
      await page.selectOption(tid('param-operation'), { label: 'Get' });
      const entity = page.locator(tid('param-entityId'));
      await entity.waitFor();
      const mode = page.locator(tid('param-entityId-mode'));
      if ((await mode.count()) && (await mode.inputValue()) !== 'list') await mode.selectOption('list');
      await entity.click();
      await entity.fill(cfg.entity.split('.')[1] ?? cfg.entity);
      const option = page.locator(`${tid('param-entityId-options')} ${tid(`option-${cfg.entity}`)}`);
      await option.waitFor({ timeout: 30_000 });
      const loaded = await page.locator(`${tid('param-entityId-options')} [role="option"]`).count();
      entityLabel = (await option.textContent()) ?? '';
      await screenshot('entity-dropdown-loaded-from-home-assistant');
      await option.click();
      const shown = await entity.inputValue();
      if (!shown) throw new Error('no entity selected');
      const issues = await page.locator('.field-error').allTextContents();
      if (issues.length) throw new Error(`the form still reports: ${issues.join('; ')}`);
      await closePanel(page);
      return { optionsShown: loaded, entity: cfg.entity, label: entityLabel };
    });

    await step('Save the workflow', async () => {
      await page.click(tid('save-workflow'));
      await until(
        'saved state',
        async () => (await page.locator(tid('save-state')).textContent()) === 'Saved',
        15_000,
        200,
      );
      const url = page.url();
      if (!/#\/workflow\/[^/]+$/.test(url) || url.endsWith('/new')) throw new Error(`address after save: ${url}`);
      return { url };
    });

    await step('Execute with a test webhook event', async () => {
      await page.click(tid('execute-workflow'));
      const banner = page.locator(tid('listening-url')).first();
      await banner.waitFor({ timeout: 15_000 });
      const testUrl = (await banner.textContent())?.trim();
      await screenshot('listening-for-test-event');
      const res = await fetch(testUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ hello: 'world' }),
      });
      if (res.status >= 400) throw new Error(`test webhook answered ${res.status}: ${await res.text()}`);
      await until(
        'a successful run',
        async () =>
          (await page
            .locator(tid('last-execution-status'))
            .textContent()
            .catch(() => '')) === 'success',
        60_000,
      );
      const items = await page.locator(tid('node-items-Home Assistant')).textContent();
      return { testUrl, status: res.status, haItems: items };
    });

    await step('See the state object in the output panel', async () => {
      await page.locator(tid('node-Home Assistant')).dblclick();
      await page.locator(tid('output-panel')).waitFor();
      await page.locator(tid('output-items-table')).waitFor();
      await screenshot('output-table');
      await page.click(tid('output-items-view-json'));
      const json = await page.locator(tid('output-items-json')).textContent();
      const data = JSON.parse(json ?? '[]');
      const first = Array.isArray(data) ? data[0] : data;
      if (!first || first.entity_id !== cfg.entity || first.state === undefined) {
        throw new Error(`the output is not the state of ${cfg.entity}: ${json?.substring(0, 400)}`);
      }
      const input = await page
        .locator(tid('input-items-count'))
        .textContent()
        .catch(() => null);
      await screenshot('output-json');
      await closePanel(page);
      return { entity_id: first.entity_id, state: first.state, input };
    });

    let productionUrl;
    await step('Activate the workflow', async () => {
      await page.locator(tid('activate-toggle')).click();
      await until(
        'active',
        async () => (await page.locator(tid('active-label')).textContent()) === 'Active',
        15_000,
        200,
      );
      await page.locator(tid('toast-success')).filter({ hasText: 'activated' }).first().waitFor();
      await page.locator(tid('node-Webhook')).dblclick();
      await page.click(tid('webhook-tab-production'));
      productionUrl = (await page.locator(tid('webhook-production-url')).first().textContent())?.trim();
      await screenshot('production-url');
      await closePanel(page);
      if (!productionUrl?.includes(webhookPath)) throw new Error(`production URL ${productionUrl}`);
      return { productionUrl };
    });

    await step('Call the production webhook', async () => {
      const res = await fetch(productionUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ from: 'e2e' }),
      });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`production webhook answered ${res.status}: ${body}`);
      return { status: res.status, body: body.substring(0, 300) };
    });

    await step('See the new execution in the executions list', async () => {
      await page.click(tid('tab-executions'));
      await page.locator(tid('executions-page')).waitFor();
      const row = await until(
        'a webhook execution',
        async () => {
          await page.click(tid('refresh-executions'));
          await page.waitForTimeout(300);
          const modes = page.locator('[data-testid^="execution-mode-"]');
          const n = await modes.count();
          for (let i = 0; i < n; i++) {
            if (/webhook|trigger/i.test((await modes.nth(i).textContent()) ?? '')) {
              return (await modes.nth(i).getAttribute('data-testid')).replace('execution-mode-', '');
            }
          }
          return null;
        },
        30_000,
        1000,
      );
      await until(
        'it finished',
        async () => {
          await page.click(tid('refresh-executions'));
          await page.waitForTimeout(300);
          return (await page.locator(tid(`execution-status-${row}`)).textContent()) === 'success';
        },
        30_000,
        1000,
      );
      await screenshot('executions-list');
      await page.click(tid(`open-execution-${row}`));
      await page.locator(tid('execution-detail')).waitFor();
      // the execution opens on the canvas: click its node to see its data
      await page.locator(`${tid('execution-canvas')} ${tid('node-Home Assistant')}`).click();
      await page.locator(tid('execution-output-items')).waitFor();
      await page.click(tid('execution-output-items-view-json'));
      const json = await page.locator(tid('execution-output-items-json')).textContent();
      if (!json?.includes(cfg.entity)) throw new Error('the execution output lacks the entity state');
      return { execution: row };
    });
  } catch (e) {
    error = e;
  }
  process.exit(await s.finish(error));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
