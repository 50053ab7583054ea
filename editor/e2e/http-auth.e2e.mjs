#!/usr/bin/env node
// HTTP Request's authentication in a real browser, as a person sets it up: an "OAuth2 API" credential typed
// into the form and connected through a real authorization server's pages (Home Assistant's /auth/authorize:
// its login page, then the redirect back to Hearth's callback); then, in a workflow Manual Trigger → HTTP
// Request → Code, "Predefined Credential Type" offers the installed credential types that sign requests and
// runs with a Home Assistant API credential, "Generic Credential Type → OAuth2 API" runs with the connected
// credential; the Code node's console.log lines show in its output panel.
// Every answer of Hearth to the browser and the page's HTML at each step are kept in --out (responses.txt,
// pages.html) so the calling test can check that no token ever reached the browser.
//
//   node e2e/http-auth.e2e.mjs --base-url http://127.0.0.1:5678 --ha-url http://127.0.0.1:8123 \
//     --ha-username hearth --ha-password ... --workflow-id <id> --ha-credential "HA token" \
//     --email owner@... --password ... --out target/e2e-http-auth

import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  args,
  check,
  closePanel as closePanelOf,
  openNode as openNodeOf,
  outDir,
  session,
  signIn,
  tid,
  typeLikeAPerson,
  until,
} from './support.mjs';

const a = args();
const cfg = {
  baseUrl: (a['base-url'] ?? process.env.HEARTH_BASE_URL ?? 'http://127.0.0.1:5678').replace(/\/+$/, ''),
  haUrl: (a['ha-url'] ?? process.env.HEARTH_HA_URL ?? 'http://127.0.0.1:8123').replace(/\/+$/, ''),
  haUsername: a['ha-username'] ?? process.env.HEARTH_HA_OWNER_USERNAME ?? '',
  haPassword: a['ha-password'] ?? process.env.HEARTH_HA_OWNER_PASSWORD ?? '',
  workflowId: a['workflow-id'] ?? '',
  haCredential: a['ha-credential'] ?? '',
  oauthCredential: a['oauth-credential'] ?? `HA via OAuth2 ${Date.now().toString(36)}`,
  email: a.email ?? process.env.HEARTH_OWNER_EMAIL ?? 'owner@hearth.test',
  password: a.password ?? process.env.HEARTH_OWNER_PASSWORD ?? 'hearth-e2e-password',
};
if (!cfg.haUsername || !cfg.haPassword || !cfg.workflowId || !cfg.haCredential) {
  console.error('missing --ha-username / --ha-password / --workflow-id / --ha-credential');
  process.exit(2);
}
const out = outDir(a, 'target/e2e-http-auth');
const s = await session({ out, chromiumPath: a.chromium ?? process.env.CHROMIUM_PATH });
s.report.config = { ...cfg, haPassword: '***', password: '***' };
const { page, step } = s;

// what Hearth sends to the browser, and what the pages show, for the caller's "no token anywhere" check
const responses = join(out, 'responses.txt');
const pages = join(out, 'pages.html');
writeFileSync(responses, '');
writeFileSync(pages, '');
const pending = [];
page.context().on('response', (r) => {
  if (!r.url().startsWith(cfg.baseUrl)) return;
  pending.push(
    r.text().then(
      (body) => appendFileSync(responses, `=== ${r.status()} ${r.request().method()} ${r.url()}\n${body}\n`),
      () => appendFileSync(responses, `=== ${r.status()} ${r.request().method()} ${r.url()} (no body)\n`),
    ),
  );
});
async function keepPage(p, name) {
  appendFileSync(pages, `<!-- ${name}: ${p.url()} -->\n${await p.content()}\n`);
}

/** Clicks a field and types into it key by key, as a person does. */
async function typeInto(selector, text) {
  await page.locator(selector).click();
  await page.keyboard.press('Control+A'); // replaces what the form suggests, as a person does
  await typeLikeAPerson(page, text, 60);
  check(
    (await page.locator(selector).inputValue()) === text,
    `${selector} shows "${await page.locator(selector).inputValue()}"`,
  );
}

const openNode = (name) => openNodeOf(page, name);
const closePanel = () => closePanelOf(page);

/** Runs the workflow from the canvas and waits for its outcome. */
async function execute() {
  // the previous run's data goes first, so its status and console cannot pass for this run's
  if (await page.locator(tid('clear-execution')).count()) {
    await page.click(tid('clear-execution'));
    await page.locator(tid('last-execution-status')).waitFor({ state: 'detached' });
  }
  await page.click(tid('execute-workflow'));
  const status = await until(
    'the run to finish',
    async () => {
      const t = await page
        .locator(tid('last-execution-status'))
        .textContent()
        .catch(() => '');
      return t === 'success' || t === 'error' ? t : null;
    },
    60_000,
  );
  const error = await page.locator(tid('last-execution-status')).getAttribute('title');
  check(status === 'success', `the run ended with ${status}: ${error}`);
}

/** The Code node's console lines, as its output panel shows them. */
async function codeConsole() {
  await openNode('Code');
  const box = page.locator(tid('output-console'));
  await box.waitFor();
  const text = (await box.locator('pre').textContent()) ?? '';
  await keepPage(page, 'code output');
  await closePanel();
  return text;
}

let error = null;
try {
  await step('Sign in to Hearth', async () => signIn(page, cfg.baseUrl, cfg.email, cfg.password));

  await step('Type a new "OAuth2 API" credential (Authorization Code) into the form', async () => {
    await page.click(tid('nav-credentials'));
    await page.click(tid('create-credential'));
    await page.selectOption(tid('credential-type-select'), 'oAuth2Api');
    await typeInto(tid('credential-name'), cfg.oauthCredential);
    await page.selectOption(tid('cred-grantType'), { label: 'Authorization Code' });
    await typeInto(tid('cred-authUrl'), `${cfg.haUrl}/auth/authorize`);
    await typeInto(tid('cred-accessTokenUrl'), `${cfg.haUrl}/auth/token`);
    // Home Assistant knows a client by a URL on the redirect URI's host: Hearth's own address
    await typeInto(tid('cred-clientId'), `${cfg.baseUrl}/`);
    await page.selectOption(tid('cred-authentication'), { label: 'Body' });
    check(
      (await page.locator(tid('cred-oauthTokenData')).count()) === 0,
      'the token field is shown instead of Connect',
    );
    const status = await page.locator(tid('credential-sign-in-status')).textContent();
    check(status === 'Not signed in', `before Connect the form says "${status}"`);
    return { button: await page.locator(tid('credential-sign-in')).textContent() };
  });

  let popup;
  await step('"Connect my account" saves the credential and opens the provider\'s authorization page', async () => {
    [popup] = await Promise.all([page.waitForEvent('popup'), page.click(tid('credential-sign-in'))]);
    await popup.waitForURL(/\/auth\/authorize\?/);
    await popup.locator('input[name="username"]').waitFor();
    const q = new URL(popup.url()).searchParams;
    check(q.get('response_type') === 'code', `response_type ${q.get('response_type')}`);
    check(q.get('client_id') === `${cfg.baseUrl}/`, `client_id ${q.get('client_id')}`);
    check(
      q.get('redirect_uri') === `${cfg.baseUrl}/rest/oauth2-credential/callback`,
      `redirect_uri ${q.get('redirect_uri')}`,
    );
    check(!!q.get('state'), 'no state');
    await popup.screenshot({ path: join(out, 'authorization-page.png') });
    return { authorize: popup.url().split('?')[0] };
  });

  await step('Sign in on the provider\'s page; it redirects back to Hearth, which says "Signed in"', async () => {
    await popup.locator('input[name="username"]').click();
    await typeLikeAPerson(popup, cfg.haUsername, 60);
    await popup.locator('input[name="password"]').click();
    await typeLikeAPerson(popup, cfg.haPassword, 60);
    await popup.keyboard.press('Enter');
    await popup.waitForURL(/\/rest\/oauth2-credential\/callback\?/);
    const result = (await popup.locator(tid('sign-in-result')).textContent()) ?? '';
    await keepPage(popup, 'callback');
    check(result === 'Signed in', `the callback page says: ${result}`);
  });

  await step('The credential shows as connected', async () => {
    await page.locator(`${tid('credential-sign-in-status')}[data-signed-in="true"]`).waitFor({ timeout: 30_000 });
    check((await page.locator(tid('credential-sign-out')).count()) === 1, 'no Disconnect button');
    await keepPage(page, 'credential connected');
    await page.click(tid('modal-close'));
    await page.locator(tid('credentials-list')).getByText(cfg.oauthCredential).waitFor();
  });

  await step(
    'Predefined Credential Type offers the installed types that sign requests, not the generic ones',
    async () => {
      await page.goto(`${cfg.baseUrl}/#/workflow/${cfg.workflowId}`);
      await page.locator(tid('node-HTTP Request')).waitFor();
      await openNode('HTTP Request');
      await page.selectOption(tid('param-authentication'), { label: 'Predefined Credential Type' });
      const choice = page.locator(tid('param-nodeCredentialType'));
      await choice.waitFor();
      const offered = (await choice.locator('option').allTextContents()).filter((t) => t !== 'Select…');
      check(offered.includes('Home Assistant API'), `offered: ${offered.join(', ')}`);
      for (const generic of ['Basic Auth', 'Bearer Auth', 'Header Auth', 'Query Auth', 'OAuth2 API', 'SMTP']) {
        check(!offered.includes(generic), `"${generic}" is offered: ${offered.join(', ')}`);
      }
      check(
        (await page.locator(tid('field-credential-homeAssistantApi')).count()) === 0,
        'a credential picker before a type is chosen',
      );
      await choice.selectOption({ label: 'Home Assistant API' });
      const picker = page.locator(tid('credential-select-homeAssistantApi'));
      await picker.waitFor();
      await until(
        'the Home Assistant API credentials in the picker',
        async () => (await picker.locator('option').allTextContents()).includes(cfg.haCredential),
        15_000,
      );
      await picker.selectOption({ label: cfg.haCredential });
      return { offered };
    },
  );

  await step("Run it: HTTP Request calls Home Assistant's API with the Home Assistant API credential", async () => {
    await closePanel();
    await execute();
    const lines = await codeConsole();
    check(lines.includes('HA answered: API running.'), `the Code node's console shows: ${lines}`);
    return { console: lines };
  });

  await step('Generic Credential Type → OAuth2 API with the connected credential', async () => {
    await openNode('HTTP Request');
    await page.selectOption(tid('param-authentication'), { label: 'Generic Credential Type' });
    await page.selectOption(tid('param-genericAuthType'), { label: 'OAuth2 API' });
    const picker = page.locator(tid('credential-select-oAuth2Api'));
    await picker.waitFor();
    await until(
      'the OAuth2 credential in the picker',
      async () => (await picker.locator('option').allTextContents()).includes(cfg.oauthCredential),
      15_000,
    );
    await picker.selectOption({ label: cfg.oauthCredential });
    check(
      (await page.locator(tid('field-credential-homeAssistantApi')).count()) === 0,
      'the Home Assistant picker is still shown',
    );
    await closePanel();
  });

  await step('Run it: HTTP Request sends the OAuth2 access token; the Code node logs the answer', async () => {
    await page.click(tid('save-workflow'));
    await until('saved', async () => (await page.locator(tid('save-state')).textContent()) === 'Saved', 15_000);
    await execute();
    const lines = await codeConsole();
    check(lines.includes('HA answered: API running.'), `the Code node's console shows: ${lines}`);
    await openNode('HTTP Request');
    await page.locator(tid('output-panel')).waitFor();
    await keepPage(page, 'http request output');
    await closePanel();
    return { console: lines };
  });
} catch (e) {
  error = e;
}
await Promise.allSettled(pending);
process.exit(await s.finish(error));
