#!/usr/bin/env node
// Drag stress (issue 20, problem 7): a new workflow, two nodes dropped, one connection dragged at once, as the
// browser tests do, --n times; each failure is reported with what was under the pointer and React Flow's
// own state of the nodes (measured size, handle positions). Exits non-zero when any drag drew no connection.
//
//   node e2e/drag-stress.mjs --base-url http://127.0.0.1:5678 --email owner@x --password secret --n 45 [--out dir]
//
// Before the fix in WorkflowCanvas (handles lost by React Flow after a node was re-created while being
// measured), 9 of 69 drags failed here on a loaded machine, each time persistently, with "hb": null.
import { args, outDir, session, signIn, startNewWorkflow, tid, until } from './support.mjs';

const a = args();
const baseUrl = a['base-url'];
const n = Number(a.n ?? 10);
const s = await session({ out: outDir(a, 'target/e2e-drag-stress') });
const { page } = s;
const stamp = Date.now().toString(36);
const probe = async (x, y) =>
  page.evaluate(
    ({ x, y }) => {
      const el = document.elementFromPoint(x, y);
      return el ? `${el.tagName}.${[...el.classList].join('.')}[${el.getAttribute('data-testid') ?? ''}]` : 'none';
    },
    { x, y },
  );
// React Flow's store, found through React's fiber of the .react-flow element
const rfState = async () =>
  page.evaluate(() => {
    const el = document.querySelector('.react-flow');
    const key = Object.keys(el).find((k) => k.startsWith('__reactFiber$'));
    let f = el[key];
    let store = null;
    while (f && !store) {
      const v = f.memoizedProps?.value;
      if (v && typeof v.getState === 'function' && v.getState().nodeLookup) store = v;
      f = f.return;
    }
    if (!store) return 'no store';
    const st = store.getState();
    const nodes = {};
    for (const [id, node] of st.nodeLookup) {
      nodes[id] = {
        pos: node.internals.positionAbsolute,
        measured: node.measured,
        dragging: node.dragging,
        selected: node.selected,
        hb: node.internals.handleBounds
          ? {
              s: node.internals.handleBounds.source?.map((h) => `${h.id}@${h.x},${h.y}`),
              t: node.internals.handleBounds.target?.map((h) => `${h.id}@${h.x},${h.y}`),
            }
          : null,
      };
    }
    return {
      transform: st.transform,
      connection: st.connection?.inProgress,
      nodesSelectionActive: st.nodesSelectionActive,
      userSelectionActive: st.userSelectionActive,
      paneDragging: st.paneDragging,
      nodes,
    };
  });

async function humanDrag(from, to) {
  const fa = await page.locator(from).boundingBox();
  const tb = await page.locator(to).boundingBox();
  const A = { x: fa.x + fa.width / 2, y: fa.y + fa.height / 2 };
  const B = { x: tb.x + tb.width / 2, y: tb.y + tb.height / 2 };
  const info = { A, B, underA: await probe(A.x, A.y) };
  await page.mouse.move(A.x, A.y);
  await page.mouse.down();
  await page.mouse.move((A.x + B.x) / 2 + 10, (A.y + B.y) / 2 + 10, { steps: 12 });
  await page.mouse.move(B.x, B.y, { steps: 12 });
  info.line = await page.locator('.react-flow__connection').count();
  info.underB = await probe(B.x, B.y);
  await page.mouse.up();
  return info;
}

const pairs = [
  ['hearth.webhook', 'Webhook', 'hearth.set', 'Edit Fields (Set)'],
  ['hearth.manualTrigger', 'Manual Trigger', 'hearth.set', 'Edit Fields (Set)'],
  ['hearth.manualTrigger', 'Manual Trigger', 'hearth.wait', 'Wait'],
];
let error = null;
const results = { ok: 0, fail: [] };
try {
  await s.step('Sign in', () => signIn(page, baseUrl, a.email, a.password));
  await s.step('loop', async () => {
    for (let i = 0; i < n; i++) {
      const [t1, n1, t2, n2] = pairs[i % pairs.length];
      await startNewWorkflow(page);
      const state = await Promise.race([
        page
          .locator(tid('canvas-empty'))
          .waitFor()
          .then(() => 'empty'),
        page
          .locator(tid('draft-restored'))
          .waitFor()
          .then(() => 'draft'),
      ]);
      if (state === 'draft') {
        console.log('DRAFT-RESTORED', i);
        results.drafts = (results.drafts ?? 0) + 1;
        await page.click(tid('draft-discard'));
        await page.locator(tid('canvas-empty')).waitFor();
      }
      await page.fill(tid('workflow-name'), `Drag ${stamp} ${i}`);
      await page
        .locator(tid(`palette-item-${t1}`))
        .dragTo(page.locator(tid('canvas')), { targetPosition: { x: 300, y: 300 } });
      await page
        .locator(tid(`palette-item-${t2}`))
        .dragTo(page.locator(tid('canvas')), { targetPosition: { x: 600, y: 300 } });
      const before = await rfState();
      const info = await humanDrag(tid(`handle-out-${n1}-0`), tid(`handle-in-${n2}-0`));
      const edges = async () => page.locator('.react-flow__edge').count();
      let ok = false;
      try {
        await until('edge', async () => (await edges()) === 1, 3000, 100);
        ok = true;
      } catch {
        /* not drawn: counted below */
      }
      if (ok) {
        results.ok++;
        continue;
      }
      info.before = before;
      info.after = await rfState();
      info.hint = await page.locator(tid('palette-connect-hint')).count();
      info.panel = await page.locator(tid('node-panel')).count();
      results.fail.push(info);
      console.log('FAIL-DRAG', i, JSON.stringify(info));
      await s.screenshot(`fail-${i}`);
      // is it persistent?
      for (let r = 0; r < 3; r++) {
        const again = await humanDrag(tid(`handle-out-${n1}-0`), tid(`handle-in-${n2}-0`));
        await page.waitForTimeout(500);
        console.log('RETRY', r, await edges(), JSON.stringify(again));
        if (await edges()) break;
      }
    }
    return results;
  });
} catch (e) {
  error = e;
}
console.log(JSON.stringify({ ok: results.ok, fails: results.fail.length, drafts: results.drafts ?? 0 }));
process.exit(
  await s.finish(
    error ?? (results.fail.length ? new Error(`${results.fail.length} of ${n} drags drew no connection`) : null),
  ),
);
