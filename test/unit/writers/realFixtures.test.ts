/**
 * Real traces (../shared/fixtures/traces, see SOURCES.md there) through every writer and back: whatever
 * the source, the span count, ids, parents, times, services and operations survive each format.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Span, Trace, TraceFormat } from '../../../src/core/model';
import { parseTraceText } from '../../../src/core/parseTrace';
import { toJaegerJson } from '../../../src/core/writeJaeger';
import { toOtlpJson } from '../../../src/core/writeOtlp';
import { toZipkinJson } from '../../../src/core/writeZipkin';

const FIXTURES = '../shared/fixtures/traces';
const FOLDERS = ['jaeger-v1', 'jaeger-v3', 'otlp', 'zipkin-v2'];
const WRITERS: { readonly [F in TraceFormat]: (traces: readonly Trace[]) => unknown } = {
  jaeger: toJaegerJson,
  otlp: toOtlpJson,
  zipkin: toZipkinJson,
};

/** What every format carries, one sortable line per span. */
function essentials(traces: readonly Trace[]): string[] {
  const line = (span: Span): string =>
    [span.traceId, span.spanId, span.parentSpanId ?? '-', span.startUs, span.durationUs, span.service, span.operation].join(' ');
  return traces.flatMap((trace) => trace.spans.map(line)).sort();
}

if (!existsSync(FIXTURES)) {
  test.skip(`SKIPPED: ${FIXTURES} not found`);
} else {
  describe('real fixtures survive every writer', () => {
    const files = FOLDERS.flatMap((folder) =>
      readdirSync(join(FIXTURES, folder)).filter((name) => /\.(json|ndjson)$/.test(name)).map((name) => `${folder}/${name}`),
    );
    let readable = 0;
    for (const file of files) {
      const original = parseTraceText(readFileSync(join(FIXTURES, file), 'utf8'));
      // Not every fixture is a trace (API snapshots of services, summaries, malformed cases): those are
      // the parser's tests, not the writers'.
      if (!original.ok) continue;
      readable++;
      for (const format of ['jaeger', 'otlp', 'zipkin'] as const) {
        test(`${file} → ${format} → back`, () => {
          const back = parseTraceText(JSON.stringify(WRITERS[format](original.traces)));
          assert.ok(back.ok, back.ok ? '' : back.message);
          assert.deepEqual(back.traces.map((t) => t.traceId), original.traces.map((t) => t.traceId));
          assert.deepEqual(essentials(back.traces), essentials(original.traces));
        });
      }
    }
    test('most fixtures are traces', () => assert.ok(readable >= 20, `only ${readable} readable fixtures`));
  });
}
