/**
 * Conformance over every real trace file in ../shared/fixtures/traces (see SOURCES.md there).
 *
 * The expected numbers were derived WITHOUT this parser, with jq over the raw files, e.g. for OTLP:
 *   jq '[(.result // .) | (.resourceSpans // .batches)[] | .scopeSpans[] | .spans[]] as $s
 *       | {n: ($s|length), start: ($s|map(.startTimeUnixNano[:-3]|tonumber)|min), …}'
 * roots = spans without a parent reference + orphans (parent id not among the span ids, per trace);
 * Zipkin shared server halves whose client half is present are not roots; Jaeger parents are the first
 * CHILD_OF reference, else the first FOLLOWS_FROM. Trace id spellings were padded/decoded by hand
 * (base64 with `base64 -d | xxd -p`).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { buildTraceTree } from '../../../src/core/buildTree';
import type { TraceFormat } from '../../../src/core/model';
import { parseTraceText } from '../../../src/core/parseTrace';
import { summarizeTrace } from '../../../src/core/traceSummary';

const FIXTURES = '../shared/fixtures/traces';

interface ExpectedTrace {
  readonly id: string;
  readonly spans: number;
  readonly roots: number;
  readonly orphans: number;
  readonly startUs: number;
  readonly endUs: number;
  readonly errors?: number;
  readonly duplicates?: number;
  readonly sharedServerHalves?: number;
  readonly services?: readonly string[];
}

type Expected =
  | { readonly ok: true; readonly format: TraceFormat; readonly traces: readonly ExpectedTrace[] }
  | { readonly ok: false; readonly format: TraceFormat | 'unknown'; readonly message: RegExp };

const NOT_A_TRACE = /^not a trace .*Trace Lens reads: /;

const EXPECTED: { readonly [file: string]: Expected } = {
  'dependencies/large.json': { ok: false, format: 'unknown', message: /dependency links/ },
  'dependencies/small.json': { ok: false, format: 'unknown', message: /dependency links/ },
  'jaeger-v1/embedded-process-spans.json': {
    ok: true,
    format: 'jaeger',
    traces: [{ id: '00000000000000002be38093ead7a083', spans: 2, roots: 1, orphans: 1, startUs: 1605223981761425, endUs: 1605223982028462, errors: 1 }],
  },
  'jaeger-v1/genai-agent-57-spans.json': {
    ok: true,
    format: 'jaeger',
    traces: [{ id: '4a1b2c3d4e5f60718293a4b5c6d7e8f9', spans: 57, roots: 1, orphans: 0, startUs: 1770000000001000, endUs: 1770000044001000, errors: 1 }],
  },
  'jaeger-v1/jaeger-query-selftrace.json': {
    ok: true,
    format: 'jaeger',
    traces: [{ id: '00000000000000002db17286b3e6b148', spans: 2, roots: 1, orphans: 0, startUs: 1571326774777373, endUs: 1571326774781572, services: ['jaeger-query'] }],
  },
  'jaeger-v1/malformed/trace_invalid_json.json': { ok: false, format: 'jaeger', message: /^Jaeger JSON: \[0\]\.duration is not a duration in microseconds: "invalid"$/ },
  'jaeger-v1/malformed/trace_scan_error.json': { ok: false, format: 'jaeger', message: /^not valid Jaeger JSON: line 2, column 1: Unexpected token '\]'$/ },
  'jaeger-v1/malformed/trace_wrong_format.json': { ok: false, format: 'unknown', message: /single Jaeger span/ },
  'jaeger-v1/non-hex-ids.json': {
    ok: true,
    format: 'jaeger',
    traces: [{ id: 'trace-123', spans: 11, roots: 1, orphans: 0, startUs: 1542666452979000, endUs: 1542666453979000, errors: 1 }],
  },
  'jaeger-v1/petclinic-12-spans.json': {
    ok: true,
    format: 'jaeger',
    traces: [{ id: '0df84e36b9e2ee3815d07f0867a5be1f', spans: 12, roots: 1, orphans: 0, startUs: 1573131432955000, endUs: 1573131432958720 }],
  },
  'jaeger-v1/petclinic-5-spans.json': {
    ok: true,
    format: 'jaeger',
    traces: [{ id: '4766f1209f70a5e2e55417fc296fd101', spans: 5, roots: 1, orphans: 0, startUs: 1579070675083000, endUs: 1579070675087902, services: ['api-gateway', 'customers-service'] }],
  },
  'jaeger-v1/petclinic-grouped-17-spans.json': {
    ok: true,
    format: 'jaeger',
    traces: [{ id: '0df84e36b9e2ee3815d07f0867a5be1f', spans: 17, roots: 1, orphans: 0, startUs: 1573131432955000, endUs: 1573131432958720 }],
  },
  'jaeger-v1/transform-envelope.json': {
    ok: true,
    format: 'jaeger',
    traces: [{ id: '83a9efd15c1c98a977e0711cc93ee28b', spans: 2, roots: 2, orphans: 2, startUs: 1706678909209712, endUs: 1706678909209835, duplicates: 1 }],
  },
  'jaeger-v3/hotrod-get-trace-40-spans.json': {
    ok: true,
    format: 'otlp',
    traces: [
      {
        id: '2ea75461946a7dd10f2c15ab36a076cb',
        spans: 40,
        roots: 1,
        orphans: 0,
        startUs: 1782036644630407,
        endUs: 1782036645333015,
        errors: 3,
        services: ['customer', 'driver', 'frontend', 'mysql', 'redis-manual', 'route'],
      },
    ],
  },
  // Go's zero time sent as uint64: the span is kept at 0 with warnings.
  'jaeger-v3/old-gateway-base64-ids.json': {
    ok: true,
    format: 'otlp',
    traces: [{ id: '000000000000009600000000000000a0', spans: 1, roots: 1, orphans: 0, startUs: 0, endUs: 0, services: ['unknown_service'] }],
  },
  'jaeger-v3/snapshot-FindTraceSummaries.json': { ok: false, format: 'unknown', message: /trace-summaries/ },
  'jaeger-v3/snapshot-FindTraces.json': {
    ok: true,
    format: 'otlp',
    traces: [{ id: '00000000000000000000000000000001', spans: 1, roots: 1, orphans: 0, startUs: 0, endUs: 0, errors: 1 }],
  },
  'jaeger-v3/snapshot-GetOperations.json': { ok: false, format: 'unknown', message: /list of operations/ },
  'jaeger-v3/snapshot-GetServices.json': { ok: false, format: 'unknown', message: /list of services/ },
  'jaeger-v3/snapshot-GetTrace.json': {
    ok: true,
    format: 'otlp',
    traces: [{ id: '00000000000000000000000000000001', spans: 1, roots: 1, orphans: 0, startUs: 0, endUs: 0, errors: 1 }],
  },
  'otlp/collector-file-export.ndjson': {
    ok: true,
    format: 'otlp',
    traces: [{ id: 'c620759e5d60fafb8ee0922b30e06bc6', spans: 4, roots: 1, orphans: 0, startUs: 1711138246940000, endUs: 1711138247116321, services: ['example-trace'] }],
  },
  'otlp/combined-4-spans.json': {
    ok: true,
    format: 'otlp',
    traces: [{ id: 'c620759e5d60fafb8ee0922b30e06bc6', spans: 4, roots: 1, orphans: 0, startUs: 1711138246940000, endUs: 1711138247116321 }],
  },
  'otlp/link-attributes.json': {
    ok: true,
    format: 'otlp',
    traces: [{ id: '00000000000000000000000000000226', spans: 1, roots: 1, orphans: 0, startUs: 1485449191639875, endUs: 1485449191639877 }],
  },
  'otlp/multiple-roots-64bit-id.json': {
    ok: true,
    format: 'otlp',
    traces: [
      {
        id: '00000000000000000000000000000011',
        spans: 5,
        roots: 5,
        orphans: 0,
        startUs: 1485449191639875,
        endUs: 1485449191639975,
        services: ['example-service-1', 'example-service-2', 'example-service-3'],
      },
    ],
  },
  'otlp/negative-dropped-counts.json': {
    ok: true,
    format: 'otlp',
    traces: [{ id: '83a9efd15c1c98a977e0711cc93ee28b', spans: 1, roots: 1, orphans: 1, startUs: 1706678909209712, endUs: 1706678909209835 }],
  },
  'otlp/no-service-name-absent-parent.json': {
    ok: true,
    format: 'otlp',
    traces: [{ id: '83a9efd15c1c98a977e0711cc93ee28b', spans: 1, roots: 1, orphans: 1, startUs: 1706678909209712, endUs: 1706678909209835, services: ['unknown_service'] }],
  },
  'otlp/otel-traces-01.json': {
    ok: true,
    format: 'otlp',
    traces: [
      { id: '00000000000000010000000000000000', spans: 2, roots: 2, orphans: 2, startUs: 1485467191639875, endUs: 1485467191639880, errors: 2 },
      { id: '00000000000000020000000000000000', spans: 2, roots: 2, orphans: 2, startUs: 1485467191639875, endUs: 1485467191639880, errors: 2 },
    ],
  },
  'otlp/otlp-spec-example.json': {
    ok: true,
    format: 'otlp',
    traces: [{ id: '5b8efff798038103d269b633813fc60c', spans: 1, roots: 1, orphans: 1, startUs: 1544712660000000, endUs: 1544712661000000, services: ['my.service'] }],
  },
  'otlp/scope-attributes.json': {
    ok: true,
    format: 'otlp',
    traces: [{ id: '00000000000000000000000000000225', spans: 1, roots: 1, orphans: 0, startUs: 1485449191639875, endUs: 1485449191639876 }],
  },
  'otlp/transform-input.json': {
    ok: true,
    format: 'otlp',
    traces: [{ id: '83a9efd15c1c98a977e0711cc93ee28b', spans: 2, roots: 2, orphans: 2, startUs: 1706678909209712, endUs: 1706678909209835, duplicates: 1 }],
  },
  'tempo/search-ambient-31char-id.json': { ok: false, format: 'unknown', message: /Tempo search result/ },
  'tempo/search-bookinfo.json': { ok: false, format: 'unknown', message: /Tempo search result/ },
  'zipkin-v2/ascend.json': {
    ok: true,
    format: 'zipkin',
    traces: [
      {
        id: '0000000000000000ef86c83c0a05a6d6',
        spans: 8,
        roots: 1,
        orphans: 0,
        startUs: 1531282088533035,
        endUs: 1531282088571828,
        sharedServerHalves: 2,
        duplicates: 0,
        services: ['auth-service', 'content-service', 'mobile-gateway'],
      },
    ],
  },
  'zipkin-v2/envoy.json': {
    ok: true,
    format: 'zipkin',
    traces: [{ id: '0000000000000000978883983d506fa5', spans: 1, roots: 1, orphans: 0, startUs: 1570523661059232, endUs: 1570523661186347, sharedServerHalves: 1 }],
  },
  'zipkin-v2/messaging-kafka.json': {
    ok: true,
    format: 'zipkin',
    traces: [{ id: '00000000000000000562809467078eab', spans: 28, roots: 1, orphans: 0, startUs: 1541405397200002, endUs: 1541405397849067, errors: 3, services: ['servicea', 'serviceb'] }],
  },
  'zipkin-v2/messaging.json': {
    ok: true,
    format: 'zipkin',
    traces: [{ id: '5aab74dbb904746bb33447baae403ed6', spans: 4, roots: 1, orphans: 0, startUs: 1521186011926119, endUs: 1521186011929476, services: ['backend', 'frontend'] }],
  },
  'zipkin-v2/messaging2.json': {
    ok: true,
    format: 'zipkin',
    traces: [{ id: '00000000000000000d1a94ebc9256244', spans: 11, roots: 7, orphans: 6, startUs: 1540799212976024, endUs: 1540799216477720, sharedServerHalves: 1 }],
  },
  'zipkin-v2/simple-db-p6.json': {
    ok: true,
    format: 'zipkin',
    traces: [{ id: '000000000000000019f84f102048e047', spans: 5, roots: 1, orphans: 0, startUs: 1541485537291342, endUs: 1541485537543358, services: ['bootifulmeters'] }],
  },
  // 19 spans have no duration (kept, warned); one id has five shared server halves (four duplicates).
  'zipkin-v2/smartthings-oauth-authorization.json': {
    ok: true,
    format: 'zipkin',
    traces: [
      {
        id: '00000000000000008ce82b2e9ed820ba',
        spans: 175,
        roots: 1,
        orphans: 0,
        startUs: 1543334626873100,
        endUs: 1543334727221545,
        errors: 2,
        sharedServerHalves: 45,
        duplicates: 4,
        services: ['account', 'auth', 'bouncer', 'datamgmt', 'dove', 'paperboy', 'pusher', 'stlogin'],
      },
    ],
  },
  'zipkin-v2/yelp.json': {
    ok: true,
    format: 'zipkin',
    traces: [
      {
        id: '0000000000000000a03ee8fff1dcd9b9',
        spans: 16,
        roots: 1,
        orphans: 0,
        startUs: 1571896375237354,
        endUs: 1571896375369202,
        sharedServerHalves: 4,
        duplicates: 0,
        services: ['mobile_api', 'routing', 'spectre', 'unknown', 'yelp-main', 'yelp_main/api_proxy'],
      },
    ],
  },
};

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

if (!existsSync(FIXTURES)) {
  console.warn('\n*** SKIPPED: ../shared/fixtures/traces not found (the real-trace conformance pass did not run) ***\n');
  test.skip('SKIPPED: ../shared/fixtures/traces not found');
} else {
  describe('conformance over ../shared/fixtures/traces', () => {
    const files = listFiles(FIXTURES)
      .map((path) => relative(FIXTURES, path).split('\\').join('/'))
      .filter((file) => file !== 'SOURCES.md')
      .sort();

    test('every fixture file has an expectation here (a new file must be looked at)', () => {
      assert.deepEqual(files, Object.keys(EXPECTED).sort());
    });

    for (const file of files) {
      const expected = EXPECTED[file];
      if (expected === undefined) continue;
      test(file, () => {
        const result = parseTraceText(readFileSync(join(FIXTURES, file), 'utf8'));
        assert.equal(result.format, expected.format, 'format');
        if (!expected.ok) {
          if (result.ok) assert.fail('expected a failure');
          assert.match(result.message, expected.message);
          if (expected.format === 'unknown') assert.ok(NOT_A_TRACE.test(result.message), result.message);
          return;
        }
        if (!result.ok) assert.fail(result.message);
        assert.deepEqual(
          result.traces.map((t) => t.traceId),
          expected.traces.map((t) => t.id),
          'trace ids',
        );
        result.traces.forEach((trace, i) => {
          const want = expected.traces[i]!;
          const tree = buildTraceTree(trace);
          const summary = summarizeTrace(tree);
          assert.equal(trace.spans.length, want.spans, 'spans');
          assert.equal(tree.roots.length, want.roots, 'roots');
          assert.equal(tree.orphans.length, want.orphans, 'orphans');
          assert.equal(tree.startUs, want.startUs, 'start');
          assert.equal(tree.endUs, want.endUs, 'end');
          assert.equal(summary.errorCount, want.errors ?? 0, 'error spans');
          if (want.duplicates !== undefined) {
            assert.equal(tree.warnings.filter((w) => w.code === 'duplicate-span-id').length, want.duplicates, 'duplicate ids');
          }
          if (want.sharedServerHalves !== undefined) {
            assert.equal(trace.spans.filter((s) => s.sharedServerHalf).length, want.sharedServerHalves, 'shared server halves');
          }
          if (want.services !== undefined) assert.deepEqual(summary.services, want.services, 'services');
          // Every span is reachable exactly once from the roots: nothing lost, nothing duplicated.
          let reached = 0;
          const stack = [...tree.roots];
          while (stack.length > 0) {
            const index = stack.pop()!;
            reached++;
            for (const child of tree.children[index]!) stack.push(child);
          }
          assert.equal(reached, trace.spans.length, 'every span reachable once');
        });
      });
    }
  });
}
