// The other ways in and out of a trace file: the trace picker for a file with several traces, the
// Explorer's context menu, and the error a malformed file gets.
import * as assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { NOT_UNDER_RUNNER, Workbench, readWorkspaceJson, uiEnvironment, withFailureScreenshot } from './workbench';

const env = uiEnvironment();

interface OtlpFile {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { spans: { traceId: string; parentSpanId?: string; name: string }[] }[];
  }[];
}

/** Per trace id in the OTLP file: its root's "service: operation" and its span count. */
function otlpTraces(file: OtlpFile): Map<string, { label: string; spans: number }> {
  const traces = new Map<string, { label: string; spans: number }>();
  for (const { resource, scopeSpans } of file.resourceSpans) {
    const service = resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
    for (const span of scopeSpans.flatMap((scope) => scope.spans)) {
      const entry = traces.get(span.traceId) ?? { label: '', spans: 0 };
      entry.spans++;
      if (!span.parentSpanId) entry.label = `${service}: ${span.name}`;
      traces.set(span.traceId, entry);
    }
  }
  return traces;
}

describe('opening trace files', { skip: env ? false : NOT_UNDER_RUNNER }, () => {
  if (!env) return;
  let workbench: Workbench | undefined;
  const uiTest = (name: string, body: () => Promise<void>) => test(name, withFailureScreenshot(env, name, () => workbench, body));

  before(async () => {
    workbench = await Workbench.open(env);
  });
  afterEach(async () => {
    await workbench?.closeAllEditors();
  });
  after(async () => {
    await workbench?.close();
  });

  uiTest('a file with two traces asks which one to open, then opens the pick', async () => {
    assert.ok(workbench);
    const traces = otlpTraces(readWorkspaceJson<OtlpFile>(env, 'two-traces.otlp.json'));
    assert.equal(traces.size, 2);
    await workbench.openTraceFileThroughPalette('two-traces.otlp.json');
    const page = workbench.page;
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Pick a trace in two-traces.otlp.json' }).waitFor();
    // Each item: the label ("service: operation"), then the description and detail lines.
    const labels = await page
      .locator('.quick-input-widget .monaco-list-row')
      .evaluateAll((rows) => rows.map((row) => row.querySelector('.label-name')?.textContent ?? ''));
    assert.deepEqual(labels.map((label) => label.trim()).sort(), [...traces.values()].map((t) => t.label).sort());
    const [workerTraceId, worker] = [...traces].find(([, trace]) => trace.label === 'worker: process-job') ?? [];
    assert.ok(workerTraceId && worker);
    // Items say which trace they are: its id and how many spans it has.
    const workerItem = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'worker: process-job' });
    assert.match(await workerItem.innerText(), new RegExp(`${workerTraceId}[\\s\\S]*${worker.spans} spans`));
    await workerItem.click();
    const waterfall = await workbench.waterfall();
    const rows = await waterfall.waitForRowCount(worker.spans);
    assert.deepEqual(rows.map((row) => `${row.service}: ${row.operation}`), [
      'worker: process-job',
      'worker: download-input',
      'worker: resize-image',
    ]);
    assert.equal(await workbench.activeTabTitle(), `Trace ${workerTraceId.slice(0, 8)}`);
  });

  uiTest('the Explorer context menu opens a Zipkin file', async () => {
    assert.ok(workbench);
    const spans = readWorkspaceJson<{ traceId: string; name: string; localEndpoint: { serviceName: string } }[]>(env, 'login.zipkin.json');
    // Menus show a command's title; whether it carries the "Trace Lens: " category is the manifest's choice.
    await workbench.explorerContextMenu('login.zipkin.json', /^\s*(Trace Lens: )?Open Trace File…\s*$/);
    const waterfall = await workbench.waterfall();
    const rows = await waterfall.waitForRowCount(spans.length);
    assert.deepEqual(
      rows.map((row) => `${row.service}: ${row.operation}`).sort(),
      spans.map((span) => `${span.localEndpoint.serviceName}: ${span.name}`).sort(),
    );
    assert.equal(await workbench.activeTabTitle(), `Trace ${spans[0]?.traceId.slice(0, 8)}`);
  });

  uiTest('a malformed file gets an error naming the file and where it broke, and no waterfall', async () => {
    assert.ok(workbench);
    await workbench.openTraceFileThroughPalette('broken.json');
    const message = await workbench.waitForNotification('broken.json');
    // broken.json closes an array with "}" on line 3.
    assert.match(message, /line 3, column \d+/);
    const waterfallTabs = await workbench.page.locator('.tabs-container .tab .label-name', { hasText: /^Trace / }).count();
    assert.equal(waterfallTabs, 0);
  });
});
