// The main user journey, in the browser workbench: open the demo Jaeger trace from the command palette
// through the file dialog, read the waterfall, select a span, fold and unfold subtrees.
// The tests in this file share one workbench and run in order: each starts from the previous one's view.
import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { NOT_UNDER_RUNNER, Waterfall, Workbench, readWorkspaceJson, uiEnvironment, withFailureScreenshot } from './workbench';

const env = uiEnvironment();
const FILE = 'demo-checkout.jaeger.json';

interface JaegerFile {
  data: {
    traceID: string;
    spans: { spanID: string; operationName: string; startTime: number; processID: string; references: { refType: string; spanID: string }[]; tags: { key: string; value: unknown }[] }[];
    processes: Record<string, { serviceName: string }>;
  }[];
}

interface ExpectedRow {
  readonly service: string;
  readonly operation: string;
  readonly descendants: number;
  readonly error: boolean;
}

/** The rows the waterfall must show, worked out from the file itself: depth first, children by start time. */
function expectedRows(file: JaegerFile): ExpectedRow[] {
  const trace = file.data[0];
  assert.ok(trace);
  const children = new Map<string, typeof trace.spans>();
  const roots: typeof trace.spans = [];
  for (const span of trace.spans) {
    const parent = span.references.find((ref) => ref.refType === 'CHILD_OF')?.spanID;
    if (parent === undefined) roots.push(span);
    else children.set(parent, [...(children.get(parent) ?? []), span]);
  }
  const rows: ExpectedRow[] = [];
  const visit = (span: (typeof trace.spans)[number]): number => {
    const row = {
      service: trace.processes[span.processID]?.serviceName ?? '',
      operation: span.operationName,
      descendants: 0,
      error: span.tags.some((tag) => tag.key === 'error' && tag.value === true),
    };
    rows.push(row);
    for (const child of [...(children.get(span.spanID) ?? [])].sort((a, b) => a.startTime - b.startTime)) {
      row.descendants += 1 + visit(child);
    }
    return row.descendants;
  };
  roots.sort((a, b) => a.startTime - b.startTime).forEach(visit);
  return rows;
}

describe('waterfall of the demo Jaeger trace', { skip: env ? false : NOT_UNDER_RUNNER }, () => {
  if (!env) return;
  const file = readWorkspaceJson<JaegerFile>(env, FILE);
  const traceId = file.data[0]?.traceID ?? '';
  const expected = expectedRows(file);
  let workbench: Workbench | undefined;
  let waterfall: Waterfall | undefined;
  const uiTest = (name: string, body: () => Promise<void>) => test(name, withFailureScreenshot(env, name, () => workbench, body));

  before(async () => {
    workbench = await Workbench.open(env);
  });
  after(async () => {
    await workbench?.close();
  });

  uiTest('"Trace Lens: Open Trace File…" opens the picked file in a waterfall tab', async () => {
    assert.ok(workbench);
    await workbench.openTraceFileThroughPalette(FILE);
    waterfall = await workbench.waterfall();
    assert.equal(await workbench.activeTabTitle(), `Trace ${traceId.slice(0, 8)}`);
  });

  uiTest('the waterfall lists every span with its service and operation, in tree order', async () => {
    assert.ok(waterfall);
    const rows = await waterfall.waitForRowCount(expected.length);
    assert.equal(rows.length, 12, 'the demo trace has 12 spans');
    assert.deepEqual(
      rows.map((row) => `${row.service}: ${row.operation}`),
      expected.map((row) => `${row.service}: ${row.operation}`),
    );
    assert.deepEqual(rows.map((row) => row.index), rows.map((_, i) => i), 'data-span-index is the display index');
    // The root lasts 182 ms; durations are shown with their unit.
    assert.match(rows[0]?.duration ?? '', /182(\.0+)?\s?ms/);
  });

  uiTest('the failed span, and only it, carries the error marker', async () => {
    assert.ok(waterfall);
    const rows = await waterfall.visibleRows();
    assert.deepEqual(
      rows.filter((row) => row.hasError).map((row) => row.operation),
      expected.filter((row) => row.error).map((row) => row.operation),
    );
    assert.deepEqual(expected.filter((row) => row.error).map((row) => row.operation), ['Charge']);
  });

  uiTest('clicking a span shows its attributes in the detail pane', async () => {
    assert.ok(waterfall && workbench);
    await waterfall.clickRow('Charge');
    const attributes = await waterfall.detailAttributes('payment.amount_cents');
    assert.equal(attributes.get('payment.amount_cents'), '4599');
    assert.equal(attributes.get('payment.currency'), 'EUR');
    // The README's screenshot: a trace open, the failed span selected with its details.
    if (env.screenshotPath) await workbench.screenshot(env.screenshotPath);
  });

  uiTest('the twisty collapses a subtree and expands it again', async () => {
    assert.ok(waterfall);
    const target = expected.find((row) => row.operation === 'HTTP POST /charge');
    assert.ok(target && target.descendants === 3);
    await waterfall.toggleRow('HTTP POST /charge');
    const collapsed = await waterfall.waitForRowCount(expected.length - target.descendants);
    const hidden = ['Charge', 'fraud-check', 'INSERT payments'];
    assert.deepEqual(collapsed.filter((row) => hidden.includes(row.operation)), []);
    assert.ok(collapsed.some((row) => row.operation === 'HTTP POST /charge'), 'the collapsed span itself stays');
    await waterfall.toggleRow('HTTP POST /charge');
    const expanded = await waterfall.waitForRowCount(expected.length);
    assert.deepEqual(expanded.map((row) => row.operation), expected.map((row) => row.operation));
  });

  uiTest('collapse all leaves the root; expand all brings every span back', async () => {
    assert.ok(waterfall);
    await waterfall.clickButton('tl-collapse-all');
    const collapsed = await waterfall.waitForRowCount(1);
    assert.equal(collapsed[0]?.operation, 'GET /checkout');
    await waterfall.clickButton('tl-expand-all');
    await waterfall.waitForRowCount(expected.length);
  });
});
