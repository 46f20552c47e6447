// From a span to its code in a real VS Code: the fixture services of test/fixtures/sourceWorkspace are
// copied into the demo workspace, a trace is opened, "Trace Lens: Go to Span Source…" is run from the
// palette with a span name of that trace, and the right file opens at the right line; then the same
// from the waterfall's "has source" icon on the span's row. Then a handler's code lens is on screen.
import * as assert from 'node:assert/strict';
import { cpSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { NOT_UNDER_RUNNER, Workbench, poll, uiEnvironment, withFailureScreenshot } from './workbench';

const env = uiEnvironment();

/**
 *   details "GET /health"
 *   └─ gateway "compose-greeting"     gateway/main.go:15, tracer.Start(ctx, "compose-greeting")
 */
const TRACE = {
  data: [
    {
      traceID: '5b8aa5a2d2c872e8321cf37308d69df2',
      spans: [
        { traceID: '5b8aa5a2d2c872e8321cf37308d69df2', spanID: '051581bf3cb55c13', operationName: 'GET /health', references: [], startTime: 1_700_000_000_000_000, duration: 5000, tags: [{ key: 'span.kind', type: 'string', value: 'server' }], processID: 'p1' },
        { traceID: '5b8aa5a2d2c872e8321cf37308d69df2', spanID: '5fb397be34d26b51', operationName: 'compose-greeting', references: [{ refType: 'CHILD_OF', traceID: '5b8aa5a2d2c872e8321cf37308d69df2', spanID: '051581bf3cb55c13' }], startTime: 1_700_000_000_001_000, duration: 1000, tags: [], processID: 'p2' },
      ],
      processes: { p1: { serviceName: 'details', tags: [] }, p2: { serviceName: 'gateway', tags: [] } },
    },
  ],
};

describe('go to source', { skip: env ? false : NOT_UNDER_RUNNER }, () => {
  if (!env) return;
  let workbench: Workbench | undefined;
  const uiTest = (name: string, body: () => Promise<void>) => test(name, withFailureScreenshot(env, name, () => workbench, body));

  before(async () => {
    // The runner's workspace is a per-run copy: adding files to it leaves the tracked fixtures alone.
    cpSync(resolve('test/fixtures/sourceWorkspace'), join(env.workspaceDir, 'bookinfo'), { recursive: true });
    writeFileSync(join(env.workspaceDir, 'bookinfo-trace.jaeger.json'), JSON.stringify(TRACE));
    workbench = await Workbench.open(env);
  });
  after(async () => {
    await workbench?.close();
  });

  /**
   * The focused editor's language and cursor, as the status bar shows them. (The trace stays open in the
   * other editor group, so "the active tab" is ambiguous; the status bar follows the focused editor.)
   */
  const statusBar = async (id: 'status.editor.mode' | 'status.editor.selection') => (await workbench!.page.locator(`[id="${id}"]`).innerText().catch(() => '')).trim();

  uiTest('Go to Span Source opens the Go file at the tracer.Start line', async () => {
    assert.ok(workbench);
    await workbench.openTraceFileAtPath(join(env.workspaceDir, 'bookinfo-trace.jaeger.json'));
    await (await workbench.waterfall()).waitForRowCount(2);
    await workbench.runCommand('Trace Lens: Go to Span Source');
    const input = workbench.quickInput();
    await input.waitFor({ state: 'visible' });
    await input.fill('compose-greeting');
    await input.press('Enter');
    const tab = workbench.page.locator('.tab', { hasText: 'main.go' }).first();
    await tab.waitFor();
    // The status bar follows the focused editor, and keyboard focus can stay on the waterfall webview that
    // was active when the command ran: focus the opened editor through its tab, which keeps its selection.
    await tab.click();
    await poll(async () => (await statusBar('status.editor.mode')) === 'Go', 'a Go editor to have focus');
    // The call `tracer.Start(…)` is selected: line 15 (the column depends on the tab size).
    await poll(async () => /^Ln 15, Col \d+/.test(await statusBar('status.editor.selection')), 'the cursor on line 15 of main.go');
  });

  uiTest('in the waterfall, the matched span shows a source icon whose hover names the evidence, and clicking it opens the code', async () => {
    assert.ok(workbench);
    await workbench.page.locator('.tab', { hasText: 'Trace 5b8aa5a2' }).first().click();
    const waterfall = await workbench.waterfall();
    const icon = waterfall.frame.locator('.tl-row', { hasText: 'compose-greeting' }).locator('.tl-source');
    await icon.waitFor({ timeout: 60_000 });
    assert.match((await icon.getAttribute('title')) ?? '', /^Go to Source: .*compose-greeting/);
    // The root span "GET /health" of service "details" maps to the Sinatra route in details/app.rb.
    const rootIcon = waterfall.frame.locator('.tl-row', { hasText: 'GET /health' }).locator('.tl-source');
    assert.match((await rootIcon.getAttribute('title')) ?? '', /\/health/);
    // Move the cursor away first, so the jump is seen.
    await workbench.page.locator('.tab', { hasText: 'main.go' }).first().click();
    await workbench.page.keyboard.press('Control+Home');
    await poll(async () => /^Ln 1, Col 1/.test(await statusBar('status.editor.selection')), 'the cursor at the top of main.go');
    await workbench.page.locator('.tab', { hasText: 'Trace 5b8aa5a2' }).first().click();
    await (await workbench.waterfall()).frame.locator('.tl-row', { hasText: 'compose-greeting' }).locator('.tl-source').click();
    await poll(async () => /^Ln 15, Col \d+/.test(await statusBar('status.editor.selection')), 'the cursor on line 15 of main.go again');
  });

  uiTest('a Sinatra route shows its code lens', async () => {
    assert.ok(workbench);
    await workbench.page.keyboard.press('Control+P');
    const input = workbench.quickInput();
    await input.waitFor({ state: 'visible' });
    await input.fill('bookinfo/details/app.rb');
    await workbench.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'app.rb' }).first().waitFor();
    await input.press('Enter');
    await workbench.page.locator('.tab', { hasText: 'app.rb' }).first().waitFor();
    await poll(async () => (await statusBar('status.editor.mode')) === 'Ruby', 'app.rb to have focus');
    // Without a backend: "Find traces for GET /details/:id"; with one: the figures of the last hour.
    const lens = workbench.page.locator('.codelens-decoration', { hasText: /Find traces for GET \/details\/:id|traces? · p50|No traces \(last hour\)/ });
    await lens.first().waitFor({ timeout: 60_000 });
  });
});
