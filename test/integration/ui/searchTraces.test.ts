// Finding traces from the editor, in the browser workbench, against the in-process fake Jaeger: search in
// the Traces view, read the results and the scatter, open a result in the waterfall; then "Open Trace…"
// with a pasted Jaeger UI link. The backend URL reaches VS Code through the demo workspace's settings
// (.vscode/settings.json, written before the workbench opens and removed afterwards).
// The tests in this file share one workbench and run in order.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Frame } from 'playwright-core';
import type { Trace } from '../../../src/core/model';
import { FakeTraceBackend } from '../../fakes/fakeTraceBackend';
import { CHECKOUT, CHECKOUT_ID, LOGIN, LOGIN_ID, OLD_CHECKOUT, T0 } from '../../fakes/smallTraces';
import { NOT_UNDER_RUNNER, Workbench, poll, tracesView, uiEnvironment, withFailureScreenshot } from './workbench';

const env = uiEnvironment();

/** The drawn traces moved in time so that CHECKOUT started 20 minutes ago (LOGIN 10 minutes after it). */
function recent(trace: Trace): Trace {
  const offsetUs = Date.now() * 1000 - 20 * 60_000_000 - T0;
  return { ...trace, spans: trace.spans.map((span) => ({ ...span, startUs: span.startUs + offsetUs })) };
}

describe('finding traces on a backend', { skip: env ? false : NOT_UNDER_RUNNER }, () => {
  if (!env) return;
  const settingsDir = join(env.workspaceDir, '.vscode');
  const settingsFile = join(settingsDir, 'settings.json');
  const hadSettingsDir = existsSync(settingsDir);
  const originalSettings = existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : undefined;
  let backend: FakeTraceBackend | undefined;
  let workbench: Workbench | undefined;
  let view: Frame | undefined;
  const uiTest = (name: string, body: () => Promise<void>) => test(name, withFailureScreenshot(env, name, () => workbench, body));

  before(async () => {
    backend = await FakeTraceBackend.start({ apis: ['jaeger-v1'], traces: [recent(CHECKOUT), recent(LOGIN), OLD_CHECKOUT] });
    mkdirSync(settingsDir, { recursive: true });
    const settings = originalSettings === undefined ? {} : (JSON.parse(originalSettings) as Record<string, unknown>);
    writeFileSync(settingsFile, `${JSON.stringify({ ...settings, 'traceLens.backend.url': backend.url }, null, 2)}\n`);
    workbench = await Workbench.open(env);
  });
  after(async () => {
    await workbench?.close();
    await backend?.close();
    if (originalSettings !== undefined) writeFileSync(settingsFile, originalSettings);
    else if (hadSettingsDir) rmSync(settingsFile, { force: true });
    else rmSync(settingsDir, { recursive: true, force: true });
  });

  uiTest('"Trace Lens: Search Traces…" shows the Traces view, connected to the backend, listing its services', async () => {
    assert.ok(workbench && backend);
    await workbench.runCommand('Trace Lens: Search Traces');
    view = await tracesView(workbench);
    await view.locator('.tl-connection-url', { hasText: backend.url }).waitFor();
    const services = await poll(async () => {
      const options = await view!.locator('#tl-service option').allInnerTexts();
      return options.includes('frontend') && options;
    }, 'the service list to be filled');
    assert.deepEqual(services.slice(1), ['auth', 'cart', 'frontend', 'payment']);
  });

  uiTest('searching a service lists its traces of the last hour, with counts, and the scatter marks errors', async () => {
    assert.ok(view);
    await view.locator('#tl-service').selectOption('frontend');
    await view.locator('#tl-lookback').selectOption('1h');
    await view.locator('#tl-search').click();
    const results = view.locator('.tl-result');
    await poll(async () => (await results.count()) === 1, 'one search result');
    const text = await results.first().innerText();
    // OLD_CHECKOUT is two days old: outside the hour. CHECKOUT: 4 spans, the payment span failed.
    for (const part of ['frontend: GET /checkout', '120 ms', '4 spans', '1 error', 'cart, frontend, payment']) assert.ok(text.includes(part), `${part} in ${text}`);
    assert.equal(await view.locator('.tl-dot-error').count(), 1);
    assert.match(await view.locator('.tl-results-summary').innerText(), /^1 trace in \d+ ms/);
    // For people reviewing a run: what the view looked like.
    await workbench?.screenshot(join(env.artifactsDir, 'traces-view.png'));
  });

  uiTest('opening a result shows its waterfall', async () => {
    assert.ok(workbench && view);
    await view.locator('.tl-result-open').first().click();
    const waterfall = await workbench.waterfall();
    const rows = await waterfall.waitForRowCount(4);
    assert.deepEqual(rows.map((row) => row.operation), ['GET /checkout', 'cart.Get', 'cart.Get', 'charge']);
    assert.equal(await workbench.activeTabTitle(), `Trace ${CHECKOUT_ID.slice(0, 8)}`);
  });

  uiTest('"Trace Lens: Open Trace…" opens a trace from a pasted Jaeger UI link', async () => {
    assert.ok(workbench && backend);
    await workbench.closeAllEditors();
    await workbench.runCommand('Trace Lens: Open Trace');
    await workbench.quickInput().fill(`see http://jaeger.example.com/trace/${LOGIN_ID}?uiFind=aaaaaaaaaaaaaaa1`);
    await workbench.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Open trace' }).first().waitFor();
    await workbench.quickInput().press('Enter');
    const waterfall = await workbench.waterfall();
    const rows = await waterfall.waitForRowCount(2);
    assert.deepEqual(rows.map((row) => `${row.service} ${row.operation}`), ['auth POST /login', 'auth db.query']);
    assert.ok(backend.requestsTo(`/api/traces/${LOGIN_ID}`).length > 0, 'fetched from the backend');
  });
});
