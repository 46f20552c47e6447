// The waterfall's tools, in the browser workbench on the demo Jaeger trace: find (text and key=value, next,
// matches only), next error, filters with "spans hidden" rows, errors bubbling up from collapsed subtrees,
// critical path, statistics, zoom, Go to Source, and the panel coming back after a window reload.
// The tests share one workbench and run in order.
//
//   frontend   GET /checkout                  0 ─────────────────────────── 182
//   frontend   ├─ HTTP GET /cart              4 ──── 38
//   cart       │  └─ GetCart                  6 ─── 35
//   redis      │     └─ HGETALL cart:{id}     9 ─ 14
//   frontend   ├─ HTTP POST /charge          41 ─────────── 131
//   payment    │  └─ Charge (ERROR)          43 ────────── 128
//   payment    │     ├─ fraud-check          45 ─── 90
//   postgres   │     └─ INSERT payments      92 ─── 120
//   checkout   ├─ PlaceOrder                134 ──── 172
//   postgres   │  ├─ INSERT orders          136 ── 150
//   email      │  └─ SendConfirmation       151 ── 170
//   frontend   └─ render-page               173 ─ 181
import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { NOT_UNDER_RUNNER, Waterfall, Workbench, exactText, poll, uiEnvironment, withFailureScreenshot } from './workbench';

const env = uiEnvironment();
const FILE = 'demo-checkout.jaeger.json';
const ALL = 12;

describe('waterfall tools on the demo Jaeger trace', { skip: env ? false : NOT_UNDER_RUNNER }, () => {
  if (!env) return;
  let workbench: Workbench | undefined;
  let waterfall: Waterfall | undefined;
  const uiTest = (name: string, body: () => Promise<void>) => test(name, withFailureScreenshot(env, name, () => workbench, body));
  const frame = () => {
    assert.ok(waterfall);
    return waterfall.frame;
  };
  const operations = async () => (await waterfall!.visibleRows()).map((row) => row.operation);
  const selectedOperation = async () => (await frame().locator('.tl-row[aria-selected="true"] .tl-operation').first().textContent())?.trim();
  const row = (operation: string) => frame().locator('.tl-row', { has: frame().locator('.tl-operation', { hasText: exactText(operation) }) }).first();

  before(async () => {
    workbench = await Workbench.open(env);
  });
  after(async () => {
    await workbench?.close();
  });

  uiTest('opens the demo trace', async () => {
    assert.ok(workbench);
    await workbench.openTraceFileThroughPalette(FILE);
    waterfall = await workbench.waterfall();
    await waterfall.waitForRowCount(ALL);
  });

  uiTest('find by key=value counts the matches, highlights them, and Enter walks through them', async () => {
    await frame().locator('#tl-find-input').fill('db.system=postgresql');
    await frame().locator('#tl-find-count', { hasText: '2 matches' }).waitFor();
    const highlighted = await frame().locator('.tl-row.tl-match .tl-operation').allTextContents();
    assert.deepEqual(highlighted.sort(), ['INSERT orders', 'INSERT payments']);
    await frame().locator('#tl-find-input').press('Enter');
    await frame().locator('#tl-find-count', { hasText: '1 of 2' }).waitFor();
    assert.equal(await selectedOperation(), 'INSERT payments');
    const attributes = await waterfall!.detailAttributes('db.statement');
    assert.match(attributes.get('db.statement') ?? '', /^INSERT INTO payments/);
    await frame().locator('#tl-find-input').press('Enter');
    await frame().locator('#tl-find-count', { hasText: '2 of 2' }).waitFor();
    assert.equal(await selectedOperation(), 'INSERT orders');
  });

  uiTest('"matches only" keeps the matches and their ancestors; plain text finds names', async () => {
    await frame().locator('#tl-find-only').check();
    await waterfall!.waitForRowCount(6);
    assert.deepEqual(await operations(), ['GET /checkout', 'HTTP POST /charge', 'Charge', 'INSERT payments', 'PlaceOrder', 'INSERT orders']);
    await frame().locator('#tl-find-only').uncheck();
    await waterfall!.waitForRowCount(ALL);
    await frame().locator('#tl-find-input').fill('confirmation');
    await frame().locator('#tl-find-count', { hasText: '1 match' }).waitFor();
    await frame().locator('#tl-find-input').fill('');
    await poll(async () => (await frame().locator('.tl-row.tl-match').count()) === 0, 'highlights to clear');
  });

  uiTest('"Next error" selects the failed span', async () => {
    await frame().locator('#tl-next-error').click();
    await poll(async () => (await selectedOperation()) === 'Charge', 'Charge to be selected');
    assert.equal((await waterfall!.detailAttributes('payment.currency')).get('payment.currency'), 'EUR');
  });

  uiTest('hiding a service prunes its subtrees behind a "spans hidden" row; status and duration filters keep ancestors', async () => {
    await frame().locator('.tl-filters-summary').click();
    await frame().locator('.tl-check', { hasText: exactText('payment') }).locator('input').uncheck();
    const rows = await waterfall!.waitForRowCount(ALL - 3);
    assert.ok(!rows.some((r) => ['Charge', 'fraud-check', 'INSERT payments'].includes(r.operation)));
    assert.equal((await frame().locator('.tl-hidden-row').allTextContents()).join('|'), '3 spans hidden by the filter');
    await frame().locator('#tl-filter-clear').click();
    await waterfall!.waitForRowCount(ALL);

    await frame().locator('#tl-filter-status').selectOption('error');
    await waterfall!.waitForRowCount(3);
    assert.deepEqual(await operations(), ['GET /checkout', 'HTTP POST /charge', 'Charge']);
    await frame().locator('#tl-filter-status').selectOption('all');
    await frame().locator('#tl-filter-min-duration').fill('30');
    await waterfall!.waitForRowCount(6);
    assert.deepEqual(await operations(), ['GET /checkout', 'HTTP GET /cart', 'HTTP POST /charge', 'Charge', 'fraud-check', 'PlaceOrder']);
    await frame().locator('#tl-filter-clear').click();
    await waterfall!.waitForRowCount(ALL);
    await frame().locator('.tl-filters-summary').click();
  });

  uiTest('an error inside a collapsed subtree shows on the visible ancestor', async () => {
    await waterfall!.clickButton('tl-collapse-all');
    await waterfall!.waitForRowCount(1);
    const marker = row('GET /checkout').locator('.tl-hidden-errors');
    assert.ok(await marker.isVisible());
    assert.equal((await marker.textContent())?.trim(), '1');
    assert.match((await row('GET /checkout').getAttribute('aria-label')) ?? '', /^frontend GET \/checkout 182 ms, 1 error inside$/);
    await waterfall!.clickButton('tl-expand-all');
    await waterfall!.waitForRowCount(ALL);
    assert.equal(await row('GET /checkout').locator('.tl-hidden-errors').isVisible(), false);
  });

  uiTest('the critical path marks the chain that set the end-to-end time, with the root\'s own gaps', async () => {
    await frame().locator('#tl-critical-path').check();
    await poll(async () => (await frame().locator('.tl-row.tl-critical').count()) === ALL, 'every sequential span to be on the path');
    // The root itself is on the path only between its children: 0-4, 38-41, 131-134, 172-173, 181-182 ms.
    assert.equal(await row('GET /checkout').locator('.tl-critical-segment').count(), 5);
    await frame().locator('#tl-critical-path').uncheck();
    await poll(async () => (await frame().locator('.tl-row.tl-critical').count()) === 0, 'the highlight to go');
  });

  uiTest('the statistics table sums spans per service', async () => {
    await frame().locator('#tl-show-statistics').click();
    const postgres = frame().locator('#tl-statistics tr', { has: frame().locator('th', { hasText: exactText('postgres') }) });
    const cells = await postgres.locator('td').allTextContents();
    assert.equal(cells[0], '2', 'count');
    assert.equal(cells[1], '0', 'errors');
    assert.match(cells[2] ?? '', /^42(\.0)? ms$/, 'total: 28 + 14 ms');
    await frame().locator('#tl-statistics-grouping').selectOption('operation');
    await frame().locator('#tl-statistics th', { hasText: exactText('payment: Charge') }).waitFor();
    await frame().locator('#tl-show-statistics').click();
    assert.equal(await frame().locator('#tl-statistics').count(), 0);
  });

  uiTest('keyboard: "/" focuses find, "+" zooms in (the axis changes), "0" resets', async () => {
    await row('Charge').locator('.tl-operation').click();
    await row('Charge').press('/');
    assert.equal(await frame().evaluate(() => document.activeElement?.id), 'tl-find-input');
    await frame().locator('#tl-find-input').press('Escape');
    const firstTicks = await frame().locator('.tl-tick').allTextContents();
    await frame().locator('.tl-row[tabindex="0"]').press('+');
    await poll(async () => (await frame().locator('.tl-minimap.tl-zoomed').count()) === 1, 'the minimap to show a zoom window');
    assert.notDeepEqual(await frame().locator('.tl-tick').allTextContents(), firstTicks);
    await frame().locator('.tl-row[tabindex="0"]').press('0');
    await poll(async () => (await frame().locator('.tl-minimap.tl-zoomed').count()) === 0, 'the zoom to reset');
    assert.deepEqual(await frame().locator('.tl-tick').allTextContents(), firstTicks);
  });

  uiTest('"Go to Source" from the row\'s context menu reaches the host', async () => {
    await row('fraud-check').locator('.tl-operation').click({ button: 'right' });
    await frame().locator('#tl-menu-go-to-source').click();
    await workbench!.waitForNotification('no code in this workspace matches span "fraud-check"');
    await workbench!.runCommand('Notifications: Clear All Notifications');
  });

  uiTest('after a window reload the panel comes back with its selection and collapsed spans', async () => {
    assert.ok(workbench);
    await row('Charge').locator('.tl-operation').click();
    await row('HTTP GET /cart').locator('.tl-twisty').click();
    await waterfall!.waitForRowCount(ALL - 2);
    // "Developer: Reload Window" goes through VS Code's shutdown, which saves the editors' webview state.
    const reloaded = workbench.page.waitForEvent('load', { timeout: 60_000 });
    await workbench.runCommand('Developer: Reload Window');
    await reloaded;
    await workbench.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    waterfall = await workbench.waterfall();
    await waterfall.waitForRowCount(ALL - 2);
    assert.equal(await selectedOperation(), 'Charge');
    assert.equal((await waterfall.detailAttributes('payment.currency')).get('payment.currency'), 'EUR');
  });
});
