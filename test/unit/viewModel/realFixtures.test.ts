/**
 * Real traces (../shared/fixtures/traces, see SOURCES.md there) through parser → tree → view model →
 * details: every span gets exactly one row under its real parent, and every row's details can be built.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildTraceTree } from '../../../src/core/buildTree';
import type { Trace } from '../../../src/core/model';
import { parseTraceText } from '../../../src/core/parseTrace';
import { buildSpanDetails } from '../../../src/core/spanDetails';
import { buildTraceViewModel, invertDisplayOrder } from '../../../src/core/traceViewModel';
import { barPosition } from '../../../src/core/waterfallLayout';
import { SpanFlag } from '../../../src/protocol/traceView';

const FIXTURES = '../shared/fixtures/traces';
const FOLDERS = ['jaeger-v1', 'jaeger-v3', 'otlp', 'zipkin-v2'];

function tracesOf(file: string): readonly Trace[] {
  const result = parseTraceText(readFileSync(join(FIXTURES, file), 'utf8'));
  return result.ok ? result.traces : [];
}

if (!existsSync(FIXTURES)) {
  test.skip(`SKIPPED: ${FIXTURES} not found`);
} else {
  describe('real fixtures as waterfalls', () => {
    const files = FOLDERS.flatMap((folder) =>
      readdirSync(join(FIXTURES, folder))
        .filter((name) => /\.(json|ndjson)$/.test(name))
        .map((name) => `${folder}/${name}`),
    );
    for (const file of files) {
      // Not every fixture is a trace (API snapshots, malformed cases): those belong to the parser's tests.
      const traces = tracesOf(file);
      traces.forEach((trace, traceNumber) => {
        test(`${file} #${traceNumber}: one row per span, under its parent, with details`, () => {
          const tree = buildTraceTree(trace);
          const { view, displayOrder } = buildTraceViewModel(tree);
          const spans = trace.spans;

          assert.deepEqual([...displayOrder].sort((a, b) => a - b), spans.map((_, i) => i));
          assert.deepEqual(new Set(view.services), new Set(spans.map((span) => span.service)));
          displayOrder.forEach((spanIndex, row) => {
            const parentRow = view.spans.parent[row]!;
            const span = spans[spanIndex]!;
            assert.ok(parentRow < row, `row ${row}: parent row ${parentRow} comes first`);
            if (parentRow >= 0) {
              assert.equal(view.spans.depth[row], view.spans.depth[parentRow]! + 1);
              assert.equal(displayOrder[parentRow], tree.parent[spanIndex]);
            } else {
              assert.equal(view.spans.depth[row], 0);
            }
            const bar = barPosition(view.spans.startOffsetUs[row]!, view.spans.durationUs[row]!, view.durationUs);
            assert.ok(bar.leftPercent >= 0 && bar.leftPercent + bar.widthPercent <= 100 + 1e-9);
            assert.equal(view.services[view.spans.serviceIndex[row]!], span.service);
            assert.equal(view.operations[view.spans.operationIndex[row]!], span.operation);
          });

          const inverse = invertDisplayOrder(displayOrder, spans.length);
          for (let row = 0; row < displayOrder.length; row++) {
            const details = buildSpanDetails(tree, displayOrder, row, inverse);
            const span = spans[displayOrder[row]!]!;
            assert.equal(details.spanId, span.spanId);
            assert.equal(details.attributes.length, span.attributes.length);
            assert.ok(details.attributes.every((attribute) => typeof attribute.value === 'string'));
            for (const reference of details.references) {
              if (reference.spanIndex === undefined) continue;
              assert.equal(spans[displayOrder[reference.spanIndex]!]!.spanId, reference.spanId);
            }
          }
        });
      });
    }

    test('HotROD (Jaeger v3): titled after the frontend root, 40 rows, 6 services', () => {
      const [trace] = tracesOf('jaeger-v3/hotrod-get-trace-40-spans.json');
      assert.ok(trace);
      const { view } = buildTraceViewModel(buildTraceTree(trace));
      assert.match(view.title, /^frontend: /);
      assert.equal(view.spans.parent.length, 40);
      assert.equal(view.services.length, 6);
      assert.equal(view.spans.parent.filter((parent) => parent < 0).length, 1);
    });

    test('Zipkin trace with missing parents: those spans are flagged orphan and explained once', () => {
      const [trace] = tracesOf('zipkin-v2/messaging2.json');
      assert.ok(trace);
      const { view } = buildTraceViewModel(buildTraceTree(trace));
      const orphanRows = view.spans.flags.filter((flags) => flags & SpanFlag.Orphan);
      assert.ok(orphanRows.length > 0, 'some spans are orphans');
      assert.equal(view.warnings.filter((warning) => /not in the trace/.test(warning)).length, 1);
    });
  });
}
