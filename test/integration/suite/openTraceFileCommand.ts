// In-host integration tests: the extension inside a real VS Code (code-server in CI, or desktop VS Code
// through @vscode/test-electron). They drive the extension through its public surface (commands, tabs)
// and check what a user would see change in the workbench; the UI tests in ../ui check the pixels' side.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { afterEach, skip, test, waitFor } from './harness';

const EXTENSION_ID = 'trace-lens.trace-lens';
const OPEN_TRACE_FILE = 'traceLens.openTraceFile';
/** The panel's viewType; VS Code may report it with a "mainThreadWebview-" prefix. */
const WATERFALL_VIEW_TYPE = 'traceLens.waterfall';

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the demo workspace (test/fixtures/workspace) must be open');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function readJson(uri: vscode.Uri): Promise<unknown> {
  return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
}

/** Labels of the open waterfall tabs, in every editor group. */
function waterfallTabLabels(): string[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(WATERFALL_VIEW_TYPE))
    .map((tab) => tab.label);
}

/** The extension names a panel after the first 8 characters of the trace id. */
function expectedTabLabel(traceId: string): string {
  return `Trace ${traceId.slice(0, 8)}`;
}

async function openTrace(uri: vscode.Uri): Promise<void> {
  await vscode.commands.executeCommand(OPEN_TRACE_FILE, uri);
}

afterEach(async () => {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('notifications.clearAll');
});

test('the extension is installed and activates', async () => {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
  await extension.activate();
  assert.equal(extension.isActive, true);
});

test('every command the manifest contributes is registered', async () => {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension);
  await extension.activate();
  const contributed = ((extension.packageJSON as { contributes?: { commands?: { command: string }[] } }).contributes?.commands ?? []).map(
    (entry) => entry.command,
  );
  assert.ok(contributed.includes(OPEN_TRACE_FILE), `package.json does not contribute ${OPEN_TRACE_FILE}`);
  const registered = new Set(await vscode.commands.getCommands(true));
  assert.deepEqual(
    contributed.filter((command) => !registered.has(command)),
    [],
    'contributed commands that are not registered',
  );
});

test('opening the Jaeger demo file shows its trace in a waterfall tab', async () => {
  const uri = workspaceFile('demo-checkout.jaeger.json');
  const traceId = ((await readJson(uri)) as { data: { traceID: string }[] }).data[0]?.traceID ?? '';
  assert.equal(waterfallTabLabels().length, 0, 'no waterfall is open before the command');
  await openTrace(uri);
  const labels = await waitFor(() => {
    const open = waterfallTabLabels();
    return open.length > 0 && open;
  }, 'a waterfall tab to open');
  assert.deepEqual(labels, [expectedTabLabel(traceId)]);
  const active = vscode.window.tabGroups.activeTabGroup.activeTab;
  assert.equal(active?.label, expectedTabLabel(traceId), 'the new waterfall is the active tab');
});

test('opening the Zipkin demo file shows its trace in a waterfall tab', async () => {
  const uri = workspaceFile('login.zipkin.json');
  const traceId = ((await readJson(uri)) as { traceId: string }[])[0]?.traceId ?? '';
  await openTrace(uri);
  const labels = await waitFor(() => {
    const open = waterfallTabLabels();
    return open.length > 0 && open;
  }, 'a waterfall tab to open');
  assert.deepEqual(labels, [expectedTabLabel(traceId)]);
});

test('opening the same trace twice keeps one tab', async () => {
  const uri = workspaceFile('demo-checkout.jaeger.json');
  await openTrace(uri);
  await waitFor(() => waterfallTabLabels().length === 1, 'the first waterfall tab');
  await openTrace(uri);
  assert.equal(waterfallTabLabels().length, 1);
});

test('a malformed file opens no waterfall', async () => {
  // The command waits on the error notification (it offers "Open File at Error"), so it is not awaited
  // here; opening a good file afterwards proves the broken one was handled and added no tab.
  const broken = Promise.resolve(vscode.commands.executeCommand(OPEN_TRACE_FILE, workspaceFile('broken.json')));
  const zipkin = workspaceFile('login.zipkin.json');
  const traceId = ((await readJson(zipkin)) as { traceId: string }[])[0]?.traceId ?? '';
  await openTrace(zipkin);
  await waitFor(() => waterfallTabLabels().length > 0, 'the Zipkin waterfall tab');
  assert.deepEqual(waterfallTabLabels(), [expectedTabLabel(traceId)], 'only the good file opened a tab');
  // Dismissing the notification ends the pending command without opening anything.
  await vscode.commands.executeCommand('notifications.clearAll');
  await broken;
  assert.deepEqual(waterfallTabLabels(), [expectedTabLabel(traceId)]);
});

// A real captured trace (Jaeger v2's HotROD sample: OTLP inside the api/v3 envelope, 40 spans), when the
// shared fixtures sit next to the repo. Found from the extension's folder: the host's cwd is not the repo.
const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath;
const sharedFixtures = extensionPath && join(extensionPath, '..', 'shared', 'fixtures', 'traces');
const hotrodName = 'a real 40-span HotROD trace (shared fixtures) opens in a waterfall tab';
if (sharedFixtures && existsSync(sharedFixtures)) {
  test(hotrodName, async () => {
    const hotrod = vscode.Uri.file(join(sharedFixtures, 'jaeger-v3', 'hotrod-get-trace-40-spans.json'));
    await openTrace(hotrod);
    await waitFor(() => waterfallTabLabels().length === 1, 'the HotROD waterfall tab');
    assert.deepEqual(waterfallTabLabels(), [expectedTabLabel('2ea75461946a7dd10f2c15ab36a076cb')]);
  });
} else {
  skip(hotrodName, 'SKIPPED: ../shared/fixtures/traces not found');
}
