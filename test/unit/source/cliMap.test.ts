import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, scratchFolder } from '../cli/cliHarness';

/**
 * A two-span Jaeger trace drawn for the fixture workspace:
 *
 *   details  "GET /health"          → details/app.rb:9 (Sinatra route, by span name within the service folder)
 *   └─ gateway "compose-greeting"   → gateway/main.go:15 (tracer.Start literal name)
 *      └─ gateway "unknown-work"    → no match
 */
const TRACE = JSON.stringify({
  data: [
    {
      traceID: '1',
      spans: [
        { traceID: '1', spanID: 'a1', operationName: 'GET /health', references: [], startTime: 1, duration: 5, tags: [{ key: 'span.kind', type: 'string', value: 'server' }], processID: 'p1' },
        { traceID: '1', spanID: 'a2', operationName: 'compose-greeting', references: [{ refType: 'CHILD_OF', traceID: '1', spanID: 'a1' }], startTime: 2, duration: 1, tags: [], processID: 'p2' },
        { traceID: '1', spanID: 'a3', operationName: 'unknown-work', references: [{ refType: 'CHILD_OF', traceID: '1', spanID: 'a2' }], startTime: 2, duration: 1, tags: [], processID: 'p2' },
      ],
      processes: { p1: { serviceName: 'details', tags: [] }, p2: { serviceName: 'gateway', tags: [] } },
    },
  ],
});

const scratch = scratchFolder();
after(() => scratch.dispose());
const WORKSPACE = 'test/fixtures/sourceWorkspace';

describe('trace-lens map', () => {
  test('--format json prints one line with every span, its location or null, evidence and confidence', async () => {
    const run = await cli('map', '--trace', scratch.file('trace.json', TRACE), '--workspace', WORKSPACE, '--format', 'json');
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.trim().split('\n').length, 1);
    const { spans } = JSON.parse(run.stdout) as { spans: { spanId: string; location: { file: string; line: number } | null; evidence: string[]; confidence: number }[] };
    assert.deepEqual(spans.map((span) => [span.spanId, span.location]), [
      ['00000000000000a1', { file: 'details/app.rb', line: 9 }],
      ['00000000000000a2', { file: 'gateway/main.go', line: 15 }],
      ['00000000000000a3', null],
    ]);
    assert.match(spans[0]!.evidence.join(' '), /GET \/health/);
    assert.ok(spans[0]!.confidence > 0.5);
    assert.deepEqual([spans[2]!.evidence, spans[2]!.confidence], [[], 0]);
  });

  test('text output names each span and where it goes', async () => {
    const run = await cli('map', '--trace', scratch.file('trace.json', TRACE), '--workspace', WORKSPACE);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /00000000000000a2 gateway "compose-greeting" → gateway\/main\.go:15/);
    assert.match(run.stdout, /00000000000000a3 gateway "unknown-work" → no match/);
  });

  test('usage errors: missing --workspace, a workspace that is not a folder, a stray flag', async () => {
    const trace = scratch.file('trace.json', TRACE);
    const missing = await cli('map', '--trace', trace);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--workspace DIR is required/);
    const notFolder = await cli('map', '--trace', trace, '--workspace', trace);
    assert.equal(notFolder.code, 2);
    assert.match(notFolder.stderr, /is not a directory/);
    const stray = await cli('map', '--trace', trace, '--workspace', WORKSPACE, '--to', 'otlp');
    assert.equal(stray.code, 2);
    const elsewhere = await cli('inspect', trace, '--workspace', WORKSPACE);
    assert.match(elsewhere.stderr, /--workspace belongs to map/);
  });
});
