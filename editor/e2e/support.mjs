// Shared pieces of the browser tests: arguments, Chromium, steps with screenshots and a report,
// and input as a person gives it (keys with human delays, mouse drags in steps).
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export function args(argv = process.argv) {
  const out = {};
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    if (eq > 0) out[a.substring(2, eq)] = a.substring(eq + 1);
    else out[a.substring(2)] = argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : 'true';
  }
  return out;
}

export const tid = (id) => `[data-testid="${id}"]`;

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls `fn` until it answers something truthy, or fails naming `what` at the deadline. */
export async function until(what, fn, timeoutMs = 30_000, everyMs = 250) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await sleep(everyMs);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

export function check(ok, message) {
  if (!ok) throw new Error(message);
}

/**
 * A browser session with a report: `step(name, fn)` runs one checked step, screenshots after it,
 * and `docShot(name)` keeps a screenshot for the README (copied to --docs when given).
 */
export async function session({ out, docs, chromiumPath = '/usr/bin/chromium', headed = false }) {
  mkdirSync(out, { recursive: true });
  if (docs) mkdirSync(docs, { recursive: true });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: !headed,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  // generous: the machine running the tests may be loaded; nothing here measures speed
  page.setDefaultTimeout(45_000);
  const report = { startedAt: new Date().toISOString(), steps: [], screenshots: [], console: [], result: 'running' };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') report.console.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => report.console.push(`pageerror: ${e.message}`));
  let shot = 0;
  const writeReport = () => writeFileSync(join(out, 'report.json'), JSON.stringify(report, null, 2));
  const slug = (s) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  const screenshot = async (name) => {
    const file = join(out, `${String(++shot).padStart(2, '0')}-${slug(name)}.png`);
    await page.screenshot({ path: file, fullPage: false }).catch(() => undefined);
    report.screenshots.push(file);
    return file;
  };
  return {
    browser,
    page,
    report,
    screenshot,
    async docShot(name) {
      const file = await screenshot(name);
      if (docs) copyFileSync(file, join(docs, `${name}.png`));
    },
    async step(name, fn) {
      const started = Date.now();
      const entry = { name, status: 'running' };
      report.steps.push(entry);
      process.stdout.write(`• ${name} … `);
      try {
        const detail = await fn();
        entry.status = 'passed';
        if (detail !== undefined) entry.detail = detail;
        entry.ms = Date.now() - started;
        console.log(`ok (${entry.ms} ms)`);
        await screenshot(name);
      } catch (e) {
        entry.status = 'failed';
        entry.error = String(e?.stack ?? e);
        entry.ms = Date.now() - started;
        console.log('FAILED');
        console.error(e);
        await screenshot(`failed-${name}`);
        throw e;
      } finally {
        writeReport();
      }
    },
    async finish(error) {
      report.result = error ? 'failed' : 'passed';
      if (error) report.error = String(error?.message ?? error);
      report.finishedAt = new Date().toISOString();
      writeReport();
      await browser.close();
      const passed = report.steps.filter((s) => s.status === 'passed').length;
      const failed = report.steps.filter((s) => s.status === 'failed').length;
      console.log(`\n${passed} passed, ${failed} failed`);
      console.log(`report: ${join(out, 'report.json')}`);
      return error ? 1 : 0;
    },
  };
}

/** Types as a person: one key at a time, `delay` ms apart (keyboard events, not a value set). */
export async function typeLikeAPerson(page, text, delay = 150) {
  for (const ch of text) {
    await page.keyboard.type(ch);
    await page.waitForTimeout(delay);
  }
}

/**
 * From anywhere in the editor to an empty new workflow: through the sidebar's Workflows, leaving unsaved work
 * behind when the editor asks (a previous scenario may leave some).
 */
export async function startNewWorkflow(page) {
  await page.click(tid('nav-workflows'));
  const which = await Promise.race([
    page
      .locator(tid('new-workflow'))
      .waitFor()
      .then(() => 'list'),
    page
      .locator(tid('leave-dialog'))
      .waitFor()
      .then(() => 'ask'),
  ]);
  if (which === 'ask') await page.click(tid('leave-discard'));
  await page.click(tid('new-workflow'));
}

/** Opens a node's panel by double-clicking it on the canvas. */
export async function openNode(page, name) {
  await page.locator(tid(`node-${name}`)).dblclick();
  await page.locator(tid('node-panel')).waitFor();
}

/** Back to the canvas from a node's panel. */
export async function closePanel(page) {
  await page.locator(tid('close-panel')).click();
  await page.locator(tid('node-panel')).waitFor({ state: 'detached' });
}

/**
 * Drags as a person does, with real mouse events: aims at what is on screen once it stopped moving
 * (a view still panning or a node still being laid out moves the target), comes to the source, rests,
 * presses, moves in small steps, rests on the target and releases. `from`/`to` are locators (their
 * centres) or points.
 */
export async function mouseDrag(page, from, to, { steps = 12 } = {}) {
  const a = 'x' in from ? { x: from.x, y: from.y } : center(await settledBox(page, from));
  const b = 'x' in to ? { x: to.x, y: to.y } : center(await settledBox(page, to));
  await page.mouse.move(a.x - 40, a.y - 30);
  await page.mouse.move(a.x, a.y, { steps: 6 });
  await page.waitForTimeout(120);
  await page.mouse.down();
  await page.waitForTimeout(80);
  await page.mouse.move((a.x + b.x) / 2 + 10, (a.y + b.y) / 2 + 10, { steps });
  await page.mouse.move(b.x, b.y, { steps });
  await page.waitForTimeout(150);
  await page.mouse.up();
}

/** The element's box once it is the same in two looks a moment apart (what a person's eye waits for). */
async function settledBox(page, locator) {
  let last = await box(locator);
  return until(
    'the drag source/target to stop moving',
    async () => {
      await page.waitForTimeout(100);
      const now = await box(locator);
      const same = ['x', 'y', 'width', 'height'].every((k) => Math.abs(now[k] - last[k]) < 0.5);
      last = now;
      return same ? now : null;
    },
    10_000,
    0,
  );
}

async function box(locator) {
  await locator.waitFor();
  const b = await locator.boundingBox();
  if (!b) throw new Error('drag source or target not visible');
  return b;
}

function center(b) {
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** Signs in (or sets up the owner) through the UI. */
export async function signIn(page, baseUrl, email, password) {
  await page.goto(`${baseUrl}/`);
  const which = await Promise.race([
    page
      .locator(tid('setup-form'))
      .waitFor()
      .then(() => 'setup'),
    page
      .locator(tid('login-form'))
      .waitFor()
      .then(() => 'login'),
    page
      .locator('.shell')
      .waitFor()
      .then(() => 'in'),
  ]);
  if (which === 'setup') {
    await page.fill(tid('setup-email'), email);
    await page.fill(tid('setup-name'), 'E2E Owner');
    await page.fill(tid('setup-password'), password);
    await page.click(tid('setup-submit'));
  } else if (which === 'login') {
    await page.fill(tid('login-email'), email);
    await page.fill(tid('login-password'), password);
    await page.click(tid('login-submit'));
  }
  await page.locator(tid('nav-workflows')).waitFor();
  return which;
}

/** Calls the API with the browser's session (for checks a person would do by reloading). */
export async function apiCall(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const r = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : null };
    },
    { method, path, body },
  );
}

export function outDir(a, fallback) {
  return resolve(a.out ?? process.env.HEARTH_E2E_OUT ?? fallback);
}
