#!/usr/bin/env node
// Browser test of authoring in the editor, as a person does it: typing with human delays, dragging
// at zoom 1 and after Fit view. Each numbered step pins one of the editor problems of issue 20.
//
//   node e2e/authoring.e2e.mjs --base-url http://127.0.0.1:5678 --out target/e2e-authoring \
//     [--email owner@x --password secret] [--docs ../docs/screenshots]
//
// --docs keeps the README's screenshots up to date. Exit code non-zero on failure.
import {
  apiCall,
  args,
  check,
  closePanel,
  mouseDrag,
  openNode,
  outDir,
  session,
  signIn,
  startNewWorkflow,
  tid,
  typeLikeAPerson,
  until,
} from './support.mjs';

const a = args();
const cfg = {
  baseUrl: (a['base-url'] ?? process.env.HEARTH_BASE_URL ?? 'http://127.0.0.1:5678').replace(/\/+$/, ''),
  email: a.email ?? process.env.HEARTH_OWNER_EMAIL ?? 'owner@hearth.test',
  password: a.password ?? process.env.HEARTH_OWNER_PASSWORD ?? 'hearth-e2e-password',
  only: a.only ? a.only.split(',') : null,
};
const s = await session({
  out: outDir(a, 'target/e2e-authoring'),
  docs: a.docs,
  chromiumPath: a.chromium ?? process.env.CHROMIUM_PATH,
  headed: a.headed === 'true',
});
const { page } = s;
const stamp = Date.now().toString(36);

async function newWorkflow(name) {
  await startNewWorkflow(page);
  await page.locator(tid('canvas-empty')).waitFor();
  await page.fill(tid('workflow-name'), name);
}

async function dropNode(typeName, x, y) {
  await page.locator(tid(`palette-item-${typeName}`)).dragTo(page.locator(tid('canvas')), { targetPosition: { x, y } });
}

async function save() {
  await page.click(tid('save-workflow'));
  await until('saved', async () => (await page.locator(tid('save-state')).textContent()) === 'Saved', 15_000);
  return page.url().split('/').pop();
}

/**
 * Connects an output handle to an input handle by one drag, as a person does; the connection must be
 * drawn. (No second try: a drag that a person sees fail is the bug this pins, issue 20 problem 7.)
 */
async function connectByDrag(from, to) {
  await mouseDrag(page, page.locator(tid(`handle-out-${from}-0`)), page.locator(tid(`handle-in-${to}-0`)));
  // React Flow renders a connection only once it knows where both ends are: rendered is drawn (a straight
  // line has no height, so Playwright would not call it "visible")
  const edge = page.locator(`[data-testid="rf__edge-${from}:0->${to}:0"] path.react-flow__edge-path`).first();
  try {
    await edge.waitFor({ state: 'attached', timeout: 5_000 });
  } catch {
    const drawn = await page
      .locator('.react-flow__edge')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    throw new Error(`one drag from ${from} to ${to} drew no connection (drawn: ${JSON.stringify(drawn)})`);
  }
}

/** The bounding box of a connection's drawn path on screen. */
async function edgeBox(id) {
  return page.locator(`[data-testid="rf__edge-${id}"] path.react-flow__edge-path`).first().boundingBox();
}

const scenarios = {
  async typingBraces() {
    await s.step(
      '1. Typing {{ in a field inserts {{ | }} in place, keeps focus and caret, drops no keystroke (120/150/200 ms per key)',
      async () => {
        await newWorkflow(`Typing ${stamp}`);
        await dropNode('hearth.manualTrigger', 300, 300);
        await dropNode('hearth.set', 600, 300);
        await connectByDrag('Manual Trigger', 'Edit Fields (Set)');
        await openNode(page, 'Edit Fields (Set)');
        const results = [];
        const speeds = [120, 150, 200];
        for (let i = 0; i < speeds.length; i++) {
          await page.click(tid('add-entry-assignments'));
          const name = page.locator(tid(`param-assignments.assignments[${i}].name`));
          await name.click();
          await typeLikeAPerson(page, `greeting${i}`, speeds[i]);
          const value = page.locator(tid(`param-assignments.assignments[${i}].value`));
          await value.click();
          await typeLikeAPerson(page, 'Hello {{ $json.name }}!', speeds[i]);
          const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
          const shown = await value.inputValue();
          results.push({ delay: speeds[i], shown, focused });
          check(shown === 'Hello {{ $json.name }}!', `at ${speeds[i]} ms per key the field shows "${shown}"`);
          check(focused === `param-assignments.assignments[${i}].value`, `focus left the field (now on ${focused})`);
        }
        // the n8n way: "{{" then the code, the closing braces are already there
        await page.click(tid('add-entry-assignments'));
        const value = page.locator(tid('param-assignments.assignments[3].value'));
        await value.click();
        await typeLikeAPerson(page, 'Hi {{', 150);
        const caret = await value.evaluate((el) => [el.value, el.selectionStart]);
        check(
          caret[0] === 'Hi {{  }}' && caret[1] === 6,
          `after "{{" the field is ${JSON.stringify(caret)} (want "Hi {{ | }}")`,
        );
        await typeLikeAPerson(page, '$json.name', 150);
        check((await value.inputValue()) === 'Hi {{ $json.name }}', `got "${await value.inputValue()}"`);
        await s.docShot('expression-typing');
        await closePanel(page);
        const id = await save();
        const wf = (await apiCall(page, 'GET', `/api/v1/workflows/${id}`)).body;
        const stored = wf.nodes
          .find((n) => n.name === 'Edit Fields (Set)')
          .parameters.assignments.assignments.map((x) => x.value);
        check(
          stored.slice(0, 3).every((v) => v === '=Hello {{ $json.name }}!') && stored[3] === '=Hi {{ $json.name }}',
          `saved values ${JSON.stringify(stored)}`,
        );
        return { results, stored };
      },
    );
  },

  async stopAndLoops() {
    const loopNode = 'No Operation, do nothing';
    await s.step(
      '2a. A loop is drawn visibly, warned about on save (not through Loop Over Items), and its run shows Stop and ends',
      async () => {
        await newWorkflow(`Loop ${stamp}`);
        await dropNode('hearth.manualTrigger', 250, 300);
        await dropNode('hearth.set', 520, 300);
        await dropNode('hearth.noOp', 790, 300);
        await connectByDrag('Manual Trigger', 'Edit Fields (Set)');
        await connectByDrag('Edit Fields (Set)', loopNode);
        await connectByDrag(loopNode, 'Edit Fields (Set)');
        const back = await edgeBox(`${loopNode}:0->Edit Fields (Set):0`);
        const node = await page.locator(tid(`node-${loopNode}`)).boundingBox();
        check(
          back && node && back.y + back.height > node.y + node.height + 20,
          `the backward connection is not routed below the nodes: ${JSON.stringify({ back, node })}`,
        );
        await save();
        const warning = page.locator(tid('toast-warning')).filter({ hasText: 'This workflow has a loop' });
        await warning.waitFor();
        const text = await warning.textContent();
        check(
          text.includes(`Edit Fields (Set) → ${loopNode} → Edit Fields (Set)`),
          `the warning does not name the loop: ${text}`,
        );
        await s.docShot('loop-warning');
        // run it: it shows running with a Stop button, and ends (stopped by the person, or by the runtime's bound on
        // node runs with a message naming the loop), never "Executing…" forever
        const t0 = Date.now();
        const times = {};
        await page.click(tid('execute-workflow'));
        const ended = await until(
          'the loop run ended',
          async () => {
            const status = await page
              .locator(tid('last-execution-status'))
              .textContent()
              .catch(() => '');
            if (status === 'canceled' || status === 'error') return status;
            const stop = page.locator(tid('stop-execution'));
            if (!times.stopClicked && (await stop.isVisible().catch(() => false))) {
              await stop.click().catch(() => undefined);
              times.stopClicked = Date.now() - t0;
            }
            return null;
          },
          60_000,
          200,
        );
        times.ended = Date.now() - t0;
        if (ended === 'error') {
          const bound = await page.locator(tid('toast-error')).filter({ hasText: 'node runs' }).textContent();
          check(bound.includes(`Edit Fields (Set) → ${loopNode}`), `the run's end does not name the loop: ${bound}`);
        }
        await page.locator(tid('execute-workflow')).waitFor();
        return { warning: text, run: ended, ms: times };
      },
    );
    await s.step(
      '2b. Stop ends a running manual execution from the editor; the run shows live on the canvas',
      async () => {
        // a run that takes long without eating memory: Manual Trigger → Wait 10 minutes
        await newWorkflow(`Long run ${stamp}`);
        await dropNode('hearth.manualTrigger', 300, 300);
        await dropNode('hearth.wait', 600, 300);
        await connectByDrag('Manual Trigger', 'Wait');
        await openNode(page, 'Wait');
        await page.selectOption(tid('param-unit'), { label: 'Minutes' });
        await page.locator(tid('param-amount')).click();
        await page.keyboard.press('Control+A');
        await typeLikeAPerson(page, '10', 120);
        await closePanel(page);
        await save();
        await page.click(tid('execute-workflow'));
        const stop = page.locator(tid('stop-execution'));
        await stop.waitFor();
        // live: the trigger's item shows on the canvas while Wait still runs
        await until(
          'live progress on the canvas',
          async () =>
            (await page
              .locator(tid('node-items-Manual Trigger'))
              .textContent()
              .catch(() => '')) === '1 item',
          20_000,
        );
        await until(
          'Wait shown running',
          async () => (await page.locator(tid('node-Wait')).getAttribute('data-status')) === 'running',
          20_000,
        );
        await s.docShot('stop-running-execution');
        const clicked = Date.now();
        await stop.click();
        await until(
          'the canceled status',
          async () =>
            (await page
              .locator(tid('last-execution-status'))
              .textContent()
              .catch(() => '')) === 'canceled',
          20_000,
          100,
        );
        const seen = Date.now() - clicked;
        await page.locator(tid('execute-workflow')).waitFor();
        return { stoppedAndShownMs: seen };
      },
    );
    await s.step('2c. Stop in the executions list ends a running execution; the list refreshes by itself', async () => {
      await page.click(tid('execute-workflow'));
      await page.locator(tid('stop-execution')).waitFor();
      await page.click(tid('tab-executions'));
      await page.locator(tid('executions-page')).waitFor();
      const stop = page.locator('[data-testid^="stop-execution-"]').first();
      await stop.waitFor();
      const execId = (await stop.getAttribute('data-testid')).replace('stop-execution-', '');
      check(
        (await page.locator(tid(`execution-status-${execId}`)).textContent()) === 'running',
        'the execution is not shown running',
      );
      await s.docShot('executions-list-stop');
      await stop.click();
      // no click on Refresh: the list updates itself
      await until(
        'canceled in the list',
        async () => (await page.locator(tid(`execution-status-${execId}`)).textContent()) === 'canceled',
        20_000,
        100,
      );
      await page.selectOption(tid('executions-status-filter'), 'canceled');
      await until(
        'the filter',
        async () =>
          (await page.locator('[data-testid^="execution-status-"]').allTextContents()).every((t) => t === 'canceled'),
        10_000,
      );
      await page.click(tid('back-to-workflow'));
      await page.locator(tid('workflow-editor')).waitFor();
      return { execution: execId };
    });
  },

  async unfinishedWork() {
    const setNode = 'Edit Fields (Set)';
    let id;
    await s.step(
      '3a. A workflow with issues (bad JSON, an empty required field) saves; its issues show on the nodes; activation is refused naming each as the user sees it',
      async () => {
        await newWorkflow(`Unfinished ${stamp}`);
        await dropNode('hearth.webhook', 300, 300);
        await dropNode('hearth.set', 600, 300);
        await dropNode('hearth.httpRequest', 900, 300);
        await connectByDrag('Webhook', setNode);
        await connectByDrag(setNode, 'HTTP Request'); // its URL, required, stays empty
        await openNode(page, 'Webhook');
        const path = await page.locator(tid('param-path')).inputValue();
        check(/^[0-9a-f-]{36}$/.test(path), `the new Webhook's path is not generated: "${path}"`);
        await closePanel(page);
        await openNode(page, setNode);
        await page.selectOption(tid('param-mode'), { label: 'JSON' });
        await page.locator(tid('param-jsonOutput')).click();
        await page.keyboard.press('Control+A');
        await typeLikeAPerson(page, '{ "a": ', 120);
        await closePanel(page);
        await page.click(tid('save-workflow'));
        await page.locator(tid('toast-info')).filter({ hasText: 'Workflow saved with issues' }).waitFor();
        await until('saved', async () => (await page.locator(tid('save-state')).textContent()) === 'Saved', 15_000);
        id = page.url().split('/').pop();
        await page.locator(tid(`node-issues-${setNode}`)).waitFor();
        await page.reload();
        await page.locator(tid(`node-${setNode}`)).waitFor();
        await page.locator(tid(`node-issues-${setNode}`)).waitFor();
        await page.locator(tid('activate-toggle')).click({ force: true });
        const refused = page.locator(tid('toast-error')).filter({ hasText: 'could not be activated' });
        await refused.waitFor();
        const text = await refused.textContent();
        check(
          text.includes(`${setNode} → JSON Output is not valid JSON`),
          `activation refusal does not name the issue as the user sees it: ${text}`,
        );
        check(
          text.includes('HTTP Request → URL is required'),
          `activation refusal does not name the empty required field: ${text}`,
        );
        check(
          await page
            .locator(tid('node-issues-HTTP Request'))
            .getAttribute('title')
            .then((t) => t.includes('URL is required')),
          'the HTTP Request node does not show its empty required field',
        );
        check(!/nodes\[\d+\]|parameters\./.test(text), `the message names internal paths: ${text}`);
        check((await page.locator(tid('active-label')).textContent()) === 'Inactive', 'the workflow is active');
        await s.docShot('unfinished-work-saved');
        return { id, refused: text };
      },
    );
    await s.step(
      '3b. Leaving with unsaved changes asks, for every navigation: Cancel stays, Leave discards, Save keeps',
      async () => {
        const name = page.locator(tid('workflow-name'));
        await name.click();
        await page.keyboard.press('End');
        await typeLikeAPerson(page, ' v2', 120);
        await page.click(tid('nav-credentials'));
        const dialog = page.locator(tid('leave-dialog'));
        await dialog.waitFor();
        await s.docShot('leave-unsaved-changes');
        await page.click(tid('leave-cancel'));
        check((await name.inputValue()) === `Unfinished ${stamp} v2`, 'the unsaved name was lost on Cancel');
        check(page.url().includes(`/workflow/${id}`), `Cancel left the editor: ${page.url()}`);
        // the back button asks too
        await page.goBack();
        await dialog.waitFor();
        await page.click(tid('leave-cancel'));
        check((await name.inputValue()) === `Unfinished ${stamp} v2`, 'the unsaved name was lost after Back');
        // the editor's own links ask too; Leave without saving discards
        await page.click(tid('tab-executions'));
        await dialog.waitFor();
        await page.click(tid('leave-discard'));
        await page.locator(tid('executions-page')).waitFor();
        await page.click(tid('back-to-workflow'));
        await page.locator(tid('workflow-editor')).waitFor();
        check((await name.inputValue()) === `Unfinished ${stamp}`, 'Leave without saving kept the change');
        // Save keeps the change and goes on
        await name.click();
        await page.keyboard.press('End');
        await typeLikeAPerson(page, ' v3', 120);
        await page.click(tid('nav-workflows'));
        await dialog.waitFor();
        await page.click(tid('leave-save'));
        await page
          .locator(tid('workflows-page'))
          .or(page.locator(tid('workflow-list')))
          .first()
          .waitFor();
        const stored = (await apiCall(page, 'GET', `/api/v1/workflows/${id}`)).body;
        check(stored.name === `Unfinished ${stamp} v3`, `Save in the dialog stored "${stored.name}"`);
        return { stored: stored.name };
      },
    );
  },

  async drafts() {
    await s.step(
      '3c. Unsaved changes survive an accidental reload: the editor restores its local draft; Discard goes back to the saved workflow',
      async () => {
        const setNode = 'Edit Fields (Set)';
        await newWorkflow(`Draft ${stamp}`);
        await dropNode('hearth.manualTrigger', 250, 300);
        await page.click(tid('add-after-Manual Trigger-0'));
        await page.click(tid(`palette-item-hearth.set`));
        const id = await save();
        await openNode(page, setNode);
        await page.click(tid('add-entry-assignments'));
        await page.locator(tid('param-assignments.assignments[0].name')).click();
        await typeLikeAPerson(page, 'kept', 120);
        await closePanel(page);
        check(
          (await page.locator(tid('save-state')).textContent()) === 'Unsaved changes',
          'the change does not show as unsaved',
        );
        // the reload asks ("Leave site?") and the person confirms it, by accident
        const confirm = (d) => d.accept();
        page.on('dialog', confirm);
        await page.reload();
        page.off('dialog', confirm);
        await page.locator(tid('draft-restored')).waitFor();
        check(
          (await page.locator(tid('save-state')).textContent()) === 'Unsaved changes',
          'the restored change does not show as unsaved',
        );
        await s.docShot('draft-restored');
        await openNode(page, setNode);
        const name = await page.locator(tid('param-assignments.assignments[0].name')).inputValue();
        check(name === 'kept', `after the reload the field shows "${name}"`);
        await closePanel(page);
        const stored = (await apiCall(page, 'GET', `/api/v1/workflows/${id}`)).body;
        check(!JSON.stringify(stored.nodes).includes('"kept"'), 'the draft went to the server without Save');
        await page.click(tid('draft-discard'));
        await until(
          'back to the saved workflow',
          async () => (await page.locator(tid('save-state')).textContent()) === 'Saved',
          5_000,
        );
        await page.reload();
        await page.locator(tid(`node-${setNode}`)).waitFor();
        check((await page.locator(tid('draft-restored')).count()) === 0, 'a discarded draft came back');
        return { restored: name };
      },
    );
  },

  async credentials() {
    const type = 'httpHeaderAuth';
    const credName = `Header ${stamp}`;
    let credId;
    let wfName = `Protected hook ${stamp}`;
    await s.step('9b. A new node pre-selects the only credential of its type', async () => {
      const existing = (await apiCall(page, 'GET', `/api/v1/credentials?type=${type}`)).body;
      check(existing.length === 0, `this check needs no other ${type} credential, found ${existing.length}`);
      await page.click(tid('nav-credentials'));
      await page.click(tid('create-credential'));
      await page.selectOption(tid('credential-type-select'), type);
      await page.locator(tid('credential-name')).fill(credName);
      await page.locator(tid('cred-name')).click();
      await typeLikeAPerson(page, 'X-Token', 120);
      await page.locator(tid('cred-value')).click();
      await typeLikeAPerson(page, 'secret', 120);
      await page.click(tid('credential-save'));
      await page.locator(tid('toast-success')).first().waitFor();
      await page.click(tid('modal-close'));
      credId = (await apiCall(page, 'GET', `/api/v1/credentials?type=${type}`)).body[0].id;
      await newWorkflow(wfName);
      await dropNode('hearth.webhook', 400, 300);
      await openNode(page, 'Webhook');
      await page.selectOption(tid('param-authentication'), { label: 'Header Auth' });
      await until(
        'the credential pre-selected',
        async () => (await page.locator(tid(`credential-select-${type}`)).inputValue()) === credId,
        10_000,
      );
      await closePanel(page);
      await save();
      await page.locator(tid('activate-toggle')).click({ force: true });
      await until('active', async () => (await page.locator(tid('active-label')).textContent()) === 'Active', 15_000);
      return { credential: credId };
    });
    await s.step(
      '5. Deleting a credential lists the workflows using it; their nodes then warn and show no selection',
      async () => {
        await page.click(tid('nav-credentials'));
        await page.click(tid(`delete-credential-${credId}`));
        const confirm = page.locator(tid('confirm-dialog'));
        await confirm.waitFor();
        const text = await confirm.textContent();
        check(text.includes(`“${wfName}” (active)`), `the delete dialog does not list the workflow using it: ${text}`);
        await s.docShot('delete-credential-lists-workflows');
        await page.click(tid('confirm-ok'));
        await page.locator(tid(`credential-row-${credId}`)).waitFor({ state: 'detached' });
        await page.click(tid('nav-workflows'));
        await page.locator(tid('workflows-page')).getByText(wfName).click();
        const marker = page.locator(tid('node-issues-Webhook'));
        await marker.waitFor();
        const issue = await marker.getAttribute('title');
        check(
          issue.includes(`Credential to connect with: “${credName}” no longer exists`),
          `the canvas warning: ${issue}`,
        );
        check(!issue.includes(credId), `4. the warning names the credential's id: ${issue}`);
        await openNode(page, 'Webhook');
        await until(
          'no credential selected (the deleted one is not shown as selected)',
          async () => (await page.locator(tid(`credential-select-${type}`)).inputValue()) === '',
          10_000,
        );
        const warning = await page.locator(tid(`error-credential-${type}`)).textContent();
        check(warning.includes('no longer exists'), `the node panel does not warn: ${warning}`);
        await s.docShot('deleted-credential-warning');
        await closePanel(page);
        return { canvas: issue, panel: warning };
      },
    );
  },

  async connecting() {
    const edges = async () =>
      (
        await page
          .locator('.react-flow__edge')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid').replace('rf__edge-', '')))
      ).sort();
    const zoom = async () =>
      page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
    await s.step(
      '7a. A node added from an output\'s "+", or from a connection dragged into empty space, connects itself; a node dropped onto a connection goes in between',
      async () => {
        await newWorkflow(`Connecting ${stamp}`);
        await dropNode('hearth.manualTrigger', 250, 250);
        await page.click(tid('add-after-Manual Trigger-0'));
        await page.locator(tid('palette-connect-hint')).waitFor();
        await page.click(tid('palette-item-hearth.set'));
        await until(
          'Manual Trigger → Edit Fields',
          async () => (await edges()).includes('Manual Trigger:0->Edit Fields (Set):0'),
          5_000,
        );
        // drag a connection out of Edit Fields into empty space, then pick the node
        const out = await page.locator(tid('handle-out-Edit Fields (Set)-0')).boundingBox();
        await mouseDrag(
          page,
          { x: out.x + out.width / 2, y: out.y + out.height / 2 },
          { x: out.x + 260, y: out.y + 160 },
        );
        await page.locator(tid('palette-connect-hint')).waitFor();
        await page.click(tid('palette-item-hearth.noOp'));
        await until(
          'Edit Fields → No Operation',
          async () => (await edges()).includes('Edit Fields (Set):0->No Operation, do nothing:0'),
          5_000,
        );
        // drop a Wait onto the first connection
        const edge = await page
          .locator('[data-testid="rf__edge-Manual Trigger:0->Edit Fields (Set):0"] path.react-flow__edge-path')
          .first()
          .boundingBox();
        await page.locator(tid('palette-item-hearth.wait')).dragTo(page.locator(tid('canvas')), {
          targetPosition: await page.locator(tid('canvas')).evaluate(
            (el, p) => {
              const r = el.getBoundingClientRect();
              return { x: p.x - r.left, y: p.y - r.top };
            },
            { x: edge.x + edge.width / 2, y: edge.y + edge.height / 2 },
          ),
        });
        await until(
          'Wait in between',
          async () => {
            const e = await edges();
            return (
              e.includes('Manual Trigger:0->Wait:0') &&
              e.includes('Wait:0->Edit Fields (Set):0') &&
              !e.includes('Manual Trigger:0->Edit Fields (Set):0')
            );
          },
          5_000,
        );
        await s.docShot('auto-connect');
        return { edges: await edges(), zoom: await zoom() };
      },
    );
    await s.step(
      '7b. After Fit view (zoomed in), dragging onto an input or onto a node creates the connection',
      async () => {
        await dropNode('hearth.respondToWebhook', 1000, 120);
        await page.locator('.react-flow__controls-fitview').click();
        await page.waitForTimeout(400);
        const z = await zoom();
        check(Math.abs(z - 1) > 0.05, `Fit view left the zoom at ${z}`);
        // onto the input handle
        await mouseDrag(
          page,
          page.locator(tid('handle-out-No Operation, do nothing-0')),
          page.locator(tid('handle-in-Respond to Webhook-0')),
        );
        await until(
          'No Operation → Respond',
          async () => (await edges()).includes('No Operation, do nothing:0->Respond to Webhook:0'),
          5_000,
        );
        // onto the node's body (not its input): connects to its first input as in n8n
        await page.click(tid('undo'));
        await until(
          'undone',
          async () => !(await edges()).includes('No Operation, do nothing:0->Respond to Webhook:0'),
          5_000,
        );
        await mouseDrag(
          page,
          page.locator(tid('handle-out-No Operation, do nothing-0')),
          page.locator(tid('node-Respond to Webhook')).locator('.canvas-node'),
        );
        await until(
          'connected by dropping on the node',
          async () => (await edges()).includes('No Operation, do nothing:0->Respond to Webhook:0'),
          5_000,
        );
        await s.docShot('connect-after-fit-view');
        return { zoom: z, edges: await edges() };
      },
    );
    await s.step(
      '7c. Two nodes after Fit view (zoomed in to about 2.4, as in the issue): one drag onto the input connects them',
      async () => {
        await newWorkflow(`Zoomed ${stamp}`);
        await dropNode('hearth.webhook', 300, 300);
        await dropNode('hearth.set', 600, 300);
        await page.locator('.react-flow__controls-fitview').click();
        const z = await until(
          'the view zoomed in',
          async () => {
            const v = await zoom();
            return v > 2 ? v : null;
          },
          5_000,
        );
        await connectByDrag('Webhook', 'Edit Fields (Set)');
        return { zoom: z, edges: await edges() };
      },
    );
  },

  async mapping() {
    const first = 'Edit Fields (Set)';
    const second = 'Edit Fields (Set)1';
    const state = {
      entity_id: 'light.bed_light',
      state: 'on',
      attributes: {
        friendly_name: 'Bed Light',
        brightness: 180,
        color_mode: 'hs',
        supported_color_modes: ['hs', 'color_temp'],
        hs_color: [300, 71],
      },
    };
    await s.step('8a. Output as table (values unbroken), JSON and schema', async () => {
      await newWorkflow(`Mapping ${stamp}`);
      await dropNode('hearth.manualTrigger', 250, 300);
      await page.click(tid('add-after-Manual Trigger-0'));
      await page.click(tid('palette-item-hearth.set'));
      await page.click(tid(`add-after-${first}-0`));
      await page.click(tid('palette-item-hearth.set'));
      await openNode(page, first);
      await page.selectOption(tid('param-mode'), { label: 'JSON' });
      await page.locator(tid('param-jsonOutput')).click();
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(JSON.stringify(state, null, 2)); // pasted, as a person pastes JSON
      await page.click(tid('panel-execute'));
      await until(
        'a successful run',
        async () =>
          (await page
            .locator(tid('last-execution-status'))
            .textContent()
            .catch(() => '')) === 'success',
        30_000,
      );
      const cell = page.locator(`${tid('output-items-table')} td[data-column="entity_id"]`).first();
      await cell.waitFor();
      const lines = await cell.evaluate((td) => {
        const r = document.createRange();
        r.selectNodeContents(td);
        return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size;
      });
      check(lines === 1, `light.bed_light is broken over ${lines} lines in the table`);
      const attrs = await page
        .locator(`${tid('output-items-table')} td[data-column="attributes"]`)
        .first()
        .textContent();
      check(
        attrs.includes('supported_color_modes') && attrs.includes('color_temp'),
        `the attributes are cut: ${attrs}`,
      );
      await s.docShot('output-table');
      await page.click(tid('output-items-view-json'));
      check(
        JSON.parse(await page.locator(tid('output-items-json')).textContent())[0].attributes.brightness === 180,
        'the JSON view',
      );
      await page.click(tid('output-items-view-schema'));
      await page.locator(tid('output-items-schema-field-attributes.brightness')).waitFor();
      return { lines };
    });
    await s.step(
      "8b. The input schema shows the previous node's fields; dragging one onto a parameter makes {{ $json.field }}",
      async () => {
        await closePanel(page);
        await openNode(page, second);
        const field = page.locator(tid('input-items-schema-field-entity_id'));
        await field.waitFor();
        await page.click(tid('add-entry-assignments'));
        const value = page.locator(tid('field-assignments.assignments[0].value'));
        await field.dragTo(value);
        const editor = page.locator(tid('param-assignments.assignments[0].value'));
        await until(
          'the mapped expression',
          async () => (await editor.inputValue()) === '{{ $json.entity_id }}',
          5_000,
        );
        await until(
          'its preview',
          async () =>
            (await page.locator(tid('expr-preview-assignments.assignments[0].value')).textContent()).includes(
              'light.bed_light',
            ),
          10_000,
        );
        // nested fields map with their path
        await page.click(tid('add-entry-assignments'));
        await page
          .locator(tid('input-items-schema-field-attributes.brightness'))
          .dragTo(page.locator(tid('field-assignments.assignments[1].value')));
        await until(
          'the nested path',
          async () =>
            (await page.locator(tid('param-assignments.assignments[1].value')).inputValue()) ===
            '{{ $json.attributes.brightness }}',
          5_000,
        );
        // the preview is the server's, evaluated as the run will evaluate it: also what only a run knows
        await page.click(tid('add-entry-assignments'));
        await page.locator(tid('param-assignments.assignments[2].value')).click();
        await typeLikeAPerson(page, 'From {{ $prevNode.name }}', 120);
        const fromPrev = page.locator(tid('expr-preview-assignments.assignments[2].value'));
        await until(
          'the preview of $prevNode',
          async () => (await fromPrev.textContent()).includes(`From ${first}`),
          10_000,
        );
        await s.docShot('drag-field-to-parameter');
        const mapped = await editor.inputValue();
        await closePanel(page);
        return { mapped };
      },
    );
    await s.step(
      '8c. Autocomplete while typing: "{{ $json." offers the input item\'s fields, "$(\'" the node names; picked with the keyboard',
      async () => {
        await openNode(page, second);
        await page.click(tid('add-entry-assignments'));
        const field = 'param-assignments.assignments[3].value';
        const value = page.locator(tid(field));
        const suggestions = page.locator(tid(`${field}-suggestions`));
        const active = async () => suggestions.locator('[aria-selected="true"] .label').textContent();
        await value.click();
        await typeLikeAPerson(page, '{{ $json.', 150);
        await suggestions.waitFor();
        const offered = await suggestions.locator('[role="option"] .label').allTextContents();
        check(
          ['entity_id', 'state', 'attributes'].every((f) => offered.includes(f)),
          `"{{ $json." offers ${JSON.stringify(offered)}`,
        );
        check((await active()) === 'entity_id', `the first suggestion is not active: ${await active()}`);
        // in sight, not below the panel's edge: what is at the middle of the chosen suggestion is that suggestion
        const inSight = () =>
          suggestions.locator('[aria-selected="true"]').evaluate((el) => {
            const r = el.getBoundingClientRect();
            return el.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
          });
        await until('the suggestions in sight', inSight, 5_000);
        // down twice to "attributes", Enter takes it; then ".br" narrows the nested fields, Tab takes "brightness"
        await page.keyboard.press('ArrowDown');
        await page.waitForTimeout(150);
        await page.keyboard.press('ArrowDown');
        check((await active()) === 'attributes', `after two ArrowDown the active suggestion is ${await active()}`);
        await until('the chosen suggestion in sight', inSight, 5_000);
        await s.docShot('expression-autocomplete');
        await page.keyboard.press('Enter');
        await typeLikeAPerson(page, '.br', 150);
        await until('"brightness" offered', async () => (await active()) === 'brightness', 5_000);
        await page.keyboard.press('Tab');
        const picked = await value.evaluate((el) => [el.value, el.selectionStart]);
        check(
          picked[0] === '{{ $json.attributes.brightness }}' && picked[1] === '{{ $json.attributes.brightness'.length,
          `after picking, the field is ${JSON.stringify(picked)}`,
        );
        check(
          (await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === field,
          'focus left the field',
        );
        await until(
          'its preview',
          async () =>
            (await page.locator(tid(`expr-preview-assignments.assignments[3].value`)).textContent()).includes('180'),
          10_000,
        );
        // node names: "$('Ed" offers the other nodes by name; Enter completes the reference
        await page.click(tid('add-entry-assignments'));
        const byName = page.locator(tid('param-assignments.assignments[4].value'));
        await byName.click();
        await typeLikeAPerson(page, "{{ $('Ed", 150);
        const names = page.locator(tid('param-assignments.assignments[4].value-suggestions'));
        await names.waitFor();
        const nodes = await names.locator('[role="option"] .label').allTextContents();
        check(JSON.stringify(nodes) === JSON.stringify([first]), `"$('Ed" offers ${JSON.stringify(nodes)}`);
        await page.keyboard.press('Enter');
        await typeLikeAPerson(page, '.item.json.state', 150);
        check(
          (await byName.inputValue()) === `{{ $('${first}').item.json.state }}`,
          `the node reference is "${await byName.inputValue()}"`,
        );
        await until(
          'the preview of the node reference',
          async () =>
            (await page.locator(tid('expr-preview-assignments.assignments[4].value')).textContent()).includes('on'),
          10_000,
        );
        await closePanel(page);
        return { offered: offered.slice(0, 5), picked: picked[0], nodes };
      },
    );
    await s.step(
      "14. Pin a node's output: the input of the next node shows it before any run; Unpin removes it",
      async () => {
        await openNode(page, first);
        await page.click(tid('pin-output'));
        await page.locator(tid('output-pinned')).waitFor();
        await closePanel(page);
        await page.locator(tid(`node-pinned-${first}`)).waitFor();
        await page.click(tid('clear-execution'));
        await openNode(page, second);
        await page.locator(tid('input-items-schema-field-attributes.friendly_name')).waitFor();
        await closePanel(page);
        const id = await save();
        const stored = (await apiCall(page, 'GET', `/api/v1/workflows/${id}`)).body;
        check(
          stored.pinData?.[first]?.[0]?.json?.entity_id === 'light.bed_light',
          `the pinned data was not saved: ${JSON.stringify(stored.pinData)}`,
        );
        await s.docShot('pinned-output');
        await openNode(page, first);
        await page.click(tid('unpin-output'));
        await closePanel(page);
        check((await page.locator(tid(`node-pinned-${first}`)).count()) === 0, 'still pinned');
        await save();
        const after = (await apiCall(page, 'GET', `/api/v1/workflows/${id}`)).body;
        check(!after.pinData || !after.pinData[first], 'Unpin was not saved');
        return { pinned: Object.keys(stored.pinData) };
      },
    );
  },

  async executions() {
    let id;
    let execId;
    await s.step('10a. Toasts never cover the run bar', async () => {
      await newWorkflow(`Failing ${stamp}`);
      await dropNode('hearth.manualTrigger', 250, 300);
      await page.click(tid('add-after-Manual Trigger-0'));
      await page.click(tid('palette-item-hearth.set'));
      await page.click(tid('add-after-Edit Fields (Set)-0'));
      await page.click(tid('palette-item-hearth.stopAndError'));
      await openNode(page, 'Stop and Error');
      await page.locator(tid('param-errorMessage')).click();
      await typeLikeAPerson(page, 'boom', 120);
      await closePanel(page);
      id = await save();
      await page.click(tid('execute-workflow'));
      const toast = page.locator(tid('toast-error')).filter({ hasText: 'boom' });
      await toast.waitFor();
      const t = await toast.boundingBox();
      const bar = await page.locator(tid('run-bar')).boundingBox();
      const overlap = !(
        t.x + t.width <= bar.x ||
        bar.x + bar.width <= t.x ||
        t.y + t.height <= bar.y ||
        bar.y + bar.height <= t.y
      );
      check(!overlap, `the toast ${JSON.stringify(t)} covers the run bar ${JSON.stringify(bar)}`);
      check(await page.locator(tid('last-execution-status')).isVisible(), 'the run status is hidden');
      await s.docShot('toast-clear-of-run-bar');
      return { toast: t, bar };
    });
    await s.step(
      '10b. An execution opens on the canvas: per-node item counts, the failed node in red, its data on click',
      async () => {
        await page.click(tid('tab-executions'));
        const row = page.locator('[data-testid^="execution-status-"]').first();
        await until('the error in the list', async () => (await row.textContent()) === 'error', 15_000);
        execId = (await row.getAttribute('data-testid')).replace('execution-status-', '');
        await page.click(tid(`open-execution-${execId}`));
        const canvas = page.locator(tid('execution-canvas'));
        await canvas.locator(tid('node-items-Edit Fields (Set)')).waitFor();
        check(
          (await canvas.locator(tid('node-items-Edit Fields (Set)')).textContent()) === '1 item',
          'per-node item count',
        );
        check(
          (await canvas.locator(tid('node-Stop and Error')).getAttribute('data-status')) === 'error',
          'the failed node is not marked',
        );
        await canvas.locator(tid('node-Edit Fields (Set)')).click();
        await page.locator(tid('execution-node-data-Edit Fields (Set)')).waitFor();
        await s.docShot('execution-on-canvas');
        return { execution: execId };
      },
    );
    await s.step(
      "10c. n8n's two retry modes, from the node with the error: with the original workflow, and with the workflow as saved now",
      async () => {
        for (const [button, label] of [
          ['retry-original', 'Retry with original workflow (from node with error)'],
          ['retry-current', 'Retry with currently saved workflow (from node with error)'],
        ]) {
          const text = await page.locator(tid(button)).textContent();
          check(text === label, `the retry button says "${text}", n8n says "${label}"`);
        }
        await page.click(tid('retry-original'));
        await until(
          'the retry with the original workflow',
          async () =>
            (await page.locator(tid('execution-detail-status')).textContent()) === 'error' &&
            !page.url().endsWith(execId),
          20_000,
        );
        // fix the workflow: deactivate the failing node, save
        await page.goto(`${cfg.baseUrl}/#/workflow/${id}`);
        await page.locator(tid('node-Stop and Error')).click();
        await openNode(page, 'Stop and Error');
        await page.click(tid('tab-settings'));
        await page.locator(tid('setting-disabled')).check({ force: true });
        await closePanel(page);
        await save();
        await page.goto(`${cfg.baseUrl}/#/execution/${execId}`);
        await page.click(tid('retry-current'));
        await until(
          'the retry with the saved workflow succeeds',
          async () => (await page.locator(tid('execution-detail-status')).textContent()) === 'success',
          20_000,
        );
        return { retried: page.url().split('/').pop() };
      },
    );
  },

  async badExpression() {
    await s.step(
      '6. A bad expression shows while typing, is listed as a node issue before Save, and refuses activation',
      async () => {
        await newWorkflow(`Bad expression ${stamp}`);
        await dropNode('hearth.webhook', 250, 300);
        await page.click(tid('add-after-Webhook-0'));
        await page.click(tid('palette-item-hearth.set'));
        await openNode(page, 'Edit Fields (Set)');
        await page.click(tid('add-entry-assignments'));
        await page.locator(tid('param-assignments.assignments[0].name')).click();
        await typeLikeAPerson(page, 'greeting', 120);
        await page.locator(tid('param-assignments.assignments[0].value')).click();
        await typeLikeAPerson(page, 'Hi {{ $json.name(', 120);
        const shown = await page.locator(tid('param-assignments.assignments[0].value-syntax-error')).textContent();
        check(shown.includes('Missing ")"'), `no syntax error while typing: ${shown}`);
        await closePanel(page);
        const marker = page.locator(tid('node-issues-Edit Fields (Set)'));
        await marker.waitFor();
        const before = await marker.getAttribute('title');
        check(
          /invalid expression/.test(before),
          `the canvas does not list the bad expression before saving: ${before}`,
        );
        await page.click(tid('save-workflow'));
        await page.locator(tid('toast-info')).filter({ hasText: 'saved with issues' }).waitFor();
        await page.locator(tid('activate-toggle')).click({ force: true });
        const refused = page.locator(tid('toast-error')).filter({ hasText: 'could not be activated' });
        await refused.waitFor();
        const text = await refused.textContent();
        check(
          text.includes('Edit Fields (Set) → Fields to Set → 1st field → Value has an invalid expression'),
          `activation refusal: ${text}`,
        );
        await s.docShot('bad-expression-issue');
        return { canvas: before, refused: text };
      },
    );
  },
};

let error = null;
try {
  await s.step('Sign in', () => signIn(page, cfg.baseUrl, cfg.email, cfg.password));
  for (const [name, run] of Object.entries(scenarios)) {
    if (!cfg.only || cfg.only.includes(name)) await run();
  }
} catch (e) {
  error = e;
}
process.exit(await s.finish(error));
