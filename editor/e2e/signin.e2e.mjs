#!/usr/bin/env node
// "Sign in with Home Assistant" in a real browser: the editor's credential form opens Home Assistant's own
// login page (its frontend's /auth/authorize), the user signs in there, Home Assistant sends the browser back
// to Hearth's callback, and the form shows the credential signed in; Test refreshes the token for real;
// Disconnect revokes it.
//
//   node e2e/signin.e2e.mjs --base-url http://127.0.0.1:5678 --ha-host 127.0.0.1 --ha-port 8123 \
//     --ha-username hearth --ha-password ... --email owner@... --password ... --out /tmp/e2e-signin

import { resolve } from 'node:path';
import { args, check, session, signIn, tid } from './support.mjs';

const a = args(process.argv);
const env = process.env;
const cfg = {
  baseUrl: (a['base-url'] ?? env.HEARTH_BASE_URL ?? 'http://127.0.0.1:5678').replace(/\/+$/, ''),
  haHost: a['ha-host'] ?? env.HEARTH_HA_HOST ?? '127.0.0.1',
  haPort: a['ha-port'] ?? env.HEARTH_HA_PORT ?? '8123',
  haUsername: a['ha-username'] ?? env.HEARTH_HA_OWNER_USERNAME ?? '',
  haPassword: a['ha-password'] ?? env.HEARTH_HA_OWNER_PASSWORD ?? '',
  out: resolve(a.out ?? env.HEARTH_E2E_OUT ?? 'target/e2e-signin'),
  email: a.email ?? env.HEARTH_OWNER_EMAIL ?? 'owner@hearth.test',
  password: a.password ?? env.HEARTH_OWNER_PASSWORD ?? 'hearth-e2e-password',
  chromium: a.chromium ?? env.CHROMIUM_PATH ?? '/usr/bin/chromium',
};
if (!cfg.haUsername || !cfg.haPassword) {
  console.error('missing --ha-username / --ha-password');
  process.exit(2);
}

async function main() {
  const s = await session({ out: cfg.out, chromiumPath: cfg.chromium });
  s.report.config = { ...cfg, haPassword: '***', password: '***' };
  const { page, step } = s;
  const name = `HA sign-in e2e ${Date.now().toString(36)}`;
  let error = null;
  try {
    await step('Sign in to Hearth', async () => signIn(page, cfg.baseUrl, cfg.email, cfg.password));

    await step('New "Home Assistant (Sign in)" credential: a sign-in button instead of a token field', async () => {
      await page.click(tid('nav-credentials'));
      await page.click(tid('create-credential'));
      await page.selectOption(tid('credential-type-select'), 'homeAssistantOAuth2Api');
      await page.fill(tid('credential-name'), name);
      await page.fill(tid('cred-host'), cfg.haHost);
      await page.fill(tid('cred-port'), String(cfg.haPort));
      check((await page.locator(tid('cred-oauthTokenData')).count()) === 0, 'the token field is shown');
      check(
        (await page.locator(tid('credential-sign-in-status')).textContent()) === 'Not signed in',
        'not "Not signed in"',
      );
    });

    let popup;
    await step("The button saves the credential and opens Home Assistant's login page", async () => {
      [popup] = await Promise.all([page.waitForEvent('popup'), page.click(tid('credential-sign-in'))]);
      await popup.waitForURL(/\/auth\/authorize\?/);
      await popup.locator('input[name="username"]').waitFor();
      const clientId = new URL(popup.url()).searchParams.get('client_id');
      check(clientId === `${cfg.baseUrl}/`, `client_id is not Hearth's URL: ${clientId}`);
      await popup.screenshot({ path: `${cfg.out}/ha-login-page.png` });
    });

    await step("Sign in on Home Assistant's page; it sends the browser back to Hearth", async () => {
      await popup.locator('input[name="username"]').fill(cfg.haUsername);
      await popup.locator('input[name="password"]').fill(cfg.haPassword);
      await popup.locator('input[name="password"]').press('Enter');
      await popup.waitForURL(/\/rest\/oauth2-credential\/callback\?/);
      const result = (await popup.locator(tid('sign-in-result')).textContent()) ?? '';
      check(result === 'Signed in', `the callback page says: ${result}`);
    });

    await step('The form shows the credential signed in', async () => {
      await page.locator(`${tid('credential-sign-in-status')}[data-signed-in="true"]`).waitFor({ timeout: 30_000 });
      check(
        (await page.locator(tid('credential-sign-in')).textContent()) === 'Sign in again',
        'the button still offers the first sign-in',
      );
    });

    await step('Test refreshes the token at Home Assistant', async () => {
      await page.click(tid('credential-test'));
      const result = page.locator(tid('credential-test-result'));
      await result.waitFor({ timeout: 30_000 });
      const text = await result.textContent();
      check((await result.getAttribute('data-status')) === 'OK', `the test answered: ${text}`);
      return { test: text };
    });

    await step('Disconnect revokes the sign-in', async () => {
      await page.click(tid('credential-sign-out'));
      await page.locator(`${tid('credential-sign-in-status')}[data-signed-in="false"]`).waitFor({ timeout: 30_000 });
      const message = page.locator(tid('credential-sign-in-message'));
      await message
        .filter({ hasText: 'revoked' })
        .waitFor({ timeout: 30_000 })
        .catch(async () => check(false, `after Disconnect: ${await message.textContent()}`));
    });
  } catch (e) {
    error = e;
  }
  process.exit(await s.finish(error));
}

main();
