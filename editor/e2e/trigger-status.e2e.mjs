#!/usr/bin/env node
// Browser check of a trigger's status badge on the canvas: opens an active workflow and waits until the
// badge of --node shows --state, with a tooltip (the server's status text) matching the regular expression
// --message.
//
//   node e2e/trigger-status.e2e.mjs --base-url http://127.0.0.1:5678 --workflow <id> --node "MQTT Trigger" \
//     --state CONNECTED --message "^Connected to mqtt://" [--email owner@x --password secret] --out target/e2e
//
// The test driving it (MqttTriggerStatusBrowserIT) changes what the trigger sees (stops the broker) between
// runs. Exit code non-zero on failure.
import { args, check, outDir, session, signIn, tid, until } from './support.mjs';

const a = args();
const cfg = {
  baseUrl: (a['base-url'] ?? process.env.HEARTH_BASE_URL ?? 'http://127.0.0.1:5678').replace(/\/+$/, ''),
  email: a.email ?? process.env.HEARTH_OWNER_EMAIL ?? 'owner@hearth.test',
  password: a.password ?? process.env.HEARTH_OWNER_PASSWORD ?? 'hearth-e2e-password',
  workflow: a.workflow,
  node: a.node,
  state: a.state,
  message: a.message ?? '',
};
for (const k of ['workflow', 'node', 'state']) {
  if (!cfg[k]) {
    console.error(`missing --${k}`);
    process.exit(2);
  }
}
const s = await session({
  out: outDir(a, 'target/e2e-trigger-status'),
  chromiumPath: a.chromium ?? process.env.CHROMIUM_PATH,
});
const { page } = s;

let error = null;
try {
  await s.step('Sign in', () => signIn(page, cfg.baseUrl, cfg.email, cfg.password));
  await s.step(`${cfg.node} shows ${cfg.state}`, async () => {
    await page.goto(`${cfg.baseUrl}/#/workflow/${cfg.workflow}`);
    const badge = page.locator(tid(`trigger-status-${cfg.node}`));
    // the editor polls the statuses every few seconds
    await until(
      `the badge of ${cfg.node} to show ${cfg.state}`,
      async () => (await badge.textContent()) === cfg.state,
      60_000,
    );
    const title = (await badge.getAttribute('title')) ?? '';
    check(
      new RegExp(cfg.message).test(title),
      `the badge's tooltip is '${title}', expected it to match /${cfg.message}/`,
    );
    return { state: cfg.state, title };
  });
} catch (e) {
  error = e;
}
process.exit(await s.finish(error));
