/** The `trace-lens` CLI as a user runs it: what it prints and the exit code. */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { parseTraceText } from '../../../src/core/parseTrace';
import { generateTrace, generateTraceText } from '../../fixtures/generate/generateTrace';
import { cli, scratchFolder } from './cliHarness';

const scratch = scratchFolder();
after(() => scratch.dispose());

describe('trace-lens inspect', () => {
  const trace = generateTrace(300, 9);
  const otlpFile = scratch.file('generated.otlp.json', generateTraceText('otlp', 300, 9));

  test('--format json prints exactly {"traces":[{traceId, spans, services, roots, orphans, warnings}]}', async () => {
    const run = await cli('inspect', otlpFile, '--format', 'json');
    assert.equal(run.code, 0);
    assert.equal(run.stderr, '');
    assert.ok(run.stdout.endsWith('}\n') && !run.stdout.slice(0, -1).includes('\n'), 'one line');
    const services = [...new Set(trace.spans.map((span) => span.service))].sort();
    assert.deepEqual(JSON.parse(run.stdout), {
      traces: [{ traceId: trace.traceId, spans: 300, services, roots: 1, orphans: 0, warnings: [] }],
    });
  });

  test('text (the default) names the root, counts spans, errors, services and the tree', async () => {
    const run = await cli('inspect', otlpFile);
    assert.equal(run.code, 0);
    const errors = trace.spans.filter((span) => span.status.code === 'error').length;
    const root = trace.spans.find((span) => span.parentSpanId === undefined)!;
    assert.match(run.stdout, /^.*generated\.otlp\.json: OTLP\/JSON, 1 trace\n/);
    assert.ok(run.stdout.includes(`trace ${trace.traceId}\n`));
    assert.ok(run.stdout.includes(`  root      frontend: ${root.operation}\n`));
    assert.ok(run.stdout.includes(`  spans     300 (${errors} error${errors === 1 ? '' : 's'})\n`));
    assert.ok(run.stdout.includes('  tree      1 root, 0 orphans\n'));
    assert.ok(run.stdout.includes('  warnings  none\n'));
  });

  test('a Zipkin file with missing parents reports its orphans and why', async () => {
    // Drawn: a → b present; c's parent 00000000000000ff is not in the file.
    const spans = [
      { traceId: '463ac35c9f6413ad', id: '000000000000000a', name: 'a', timestamp: 1_000, duration: 50, localEndpoint: { serviceName: 'svc' } },
      { traceId: '463ac35c9f6413ad', id: '000000000000000b', parentId: '000000000000000a', name: 'b', timestamp: 1_010, duration: 20, localEndpoint: { serviceName: 'db' } },
      { traceId: '463ac35c9f6413ad', id: '000000000000000c', parentId: '00000000000000ff', name: 'c', timestamp: 1_020, duration: 5, localEndpoint: { serviceName: 'svc' } },
    ];
    const run = await cli('inspect', scratch.file('orphan.json', JSON.stringify(spans)), '--format=json');
    assert.equal(run.code, 0);
    const [summary] = (JSON.parse(run.stdout) as { traces: { traceId: string; spans: number; services: string[]; roots: number; orphans: number; warnings: string[] }[] }).traces;
    assert.deepEqual([summary?.traceId, summary?.spans, summary?.services, summary?.roots, summary?.orphans], ['0000000000000000463ac35c9f6413ad', 3, ['db', 'svc'], 2, 1]);
    assert.ok(summary?.warnings.some((warning) => warning.includes('00000000000000ff')), summary?.warnings.join('; '));
  });
});

describe('trace-lens convert', () => {
  const jaegerFile = scratch.file('generated.jaeger.json', generateTraceText('jaeger', 250, 3));
  const original = parseTraceText(readFileSync(jaegerFile, 'utf8'));

  for (const to of ['otlp', 'zipkin', 'jaeger'] as const) {
    test(`jaeger → ${to} --out FILE: the file reads back as ${to} with the same spans`, async () => {
      const out = scratch.path(`converted.${to}.json`);
      const run = await cli('convert', jaegerFile, '--to', to, '--out', out);
      assert.deepEqual([run.code, run.stdout, run.stderr], [0, '', '']);
      const back = parseTraceText(readFileSync(out, 'utf8'));
      assert.ok(back.ok && original.ok);
      assert.equal(back.format, to);
      const essentials = (spans: typeof original.traces[number]['spans']) =>
        spans.map((s) => `${s.spanId} ${s.parentSpanId ?? '-'} ${s.startUs} ${s.durationUs} ${s.service} ${s.operation}`).sort();
      assert.deepEqual(essentials(back.traces[0]!.spans), essentials(original.traces[0]!.spans));
      // And inspect says the same about both files.
      assert.equal((await cli('inspect', out, '--format', 'json')).stdout, (await cli('inspect', jaegerFile, '--format', 'json')).stdout);
    });
  }

  test('without --out the converted JSON goes to stdout, one line', async () => {
    const run = await cli('convert', jaegerFile, '--to', 'zipkin');
    assert.equal(run.code, 0);
    const back = parseTraceText(run.stdout);
    assert.ok(back.ok);
    assert.deepEqual([back.format, back.traces[0]?.spans.length], ['zipkin', 250]);
  });

  test('an output path that cannot be written: exit 1 and why', async () => {
    const out = join(scratch.path('no-such-folder'), 'out.json');
    const run = await cli('convert', jaegerFile, '--to', 'otlp', '--out', out);
    assert.deepEqual([run.code, run.stderr], [1, `cannot write ${out}: no such file or directory\n`]);
  });
});

describe('bad input exits with code 2 and says why', () => {
  test('malformed JSON: the editor\'s message, with line and column', async () => {
    // Line 3 breaks at column 16, the comma: a value is missing after "traceID":.
    const file = scratch.file('broken.json', '{"data": [\n  {\n    "traceID": ,\n    "spans": []\n  }\n]}\n');
    const run = await cli('inspect', file);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^.*broken\.json: not valid Jaeger JSON: line 3, column 16: [^\n]+\n$/);
    assert.ok(run.stderr.startsWith(`${file}: `));
  });

  test('a file that is JSON but not a trace', async () => {
    const run = await cli('convert', scratch.file('numbers.json', '[1, 2, 3]'), '--to', 'otlp');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /numbers\.json: .*not a trace/);
  });

  test('a missing file: "cannot read <file>: …"', async () => {
    const missing = scratch.path('missing.json');
    const run = await cli('inspect', missing);
    assert.deepEqual([run.code, run.stdout, run.stderr], [2, '', `cannot read ${missing}: no such file or directory\n`]);
  });

  test('a file over 512 MB is refused before reading it', async () => {
    const huge = scratch.file('huge.json', '');
    truncateSync(huge, 513 * 1024 * 1024); // sparse: no disk space used
    const run = await cli('inspect', huge);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, `${huge}: the file is 513 MB; trace-lens reads files up to 512 MB. Fetch a smaller trace.\n`);
  });

  for (const argv of [[], ['frobnicate', 'x.json'], ['inspect'], ['inspect', 'a.json', 'b.json'], ['inspect', 'a.json', '--format', 'xml'],
    ['convert', 'a.json'], ['convert', 'a.json', '--to', 'csv'], ['inspect', 'a.json', '--bogus']]) {
    test(`usage error: trace-lens ${argv.join(' ')}`, async () => {
      const run = await cli(...argv);
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /^trace-lens: .+\n\nUsage:\n {2}trace-lens inspect/);
    });
  }
});

describe('--help and --version', () => {
  test('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    assert.deepEqual(await cli('--version'), { code: 0, stdout: `${version}\n`, stderr: '' });
  });

  test('--help documents both commands, the inspect JSON fields and the exit codes', async () => {
    const run = await cli('--help');
    assert.equal(run.code, 0);
    for (const text of ['inspect <file>', 'convert <file>', '--to FORMAT', 'services  the distinct service names, sorted', 'orphans', 'Exit codes']) {
      assert.ok(run.stdout.includes(text), text);
    }
  });
});

describe('the built executable', () => {
  // tsc's output of src/cli/main.ts: the same code esbuild bundles into dist/cli.js.
  const main = 'out/src/cli/main.js';
  test('sets the process exit code and writes errors to stderr', { skip: existsSync(main) ? false : `${main} not built` }, async () => {
    const missing = scratch.path('absent.json');
    const result = spawnSync(process.execPath, [main, 'inspect', missing], { encoding: 'utf8' });
    assert.deepEqual([result.status, result.stdout, result.stderr], [2, '', `cannot read ${missing}: no such file or directory\n`]);
    const ok = spawnSync(process.execPath, [main, 'inspect', scratch.file('one.json', generateTraceText('zipkin', 5, 1)), '--format', 'json'], { encoding: 'utf8' });
    assert.equal(ok.status, 0);
    assert.equal((JSON.parse(ok.stdout) as { traces: { spans: number }[] }).traces[0]?.spans, 5);
  });
});

describe('real fixtures', () => {
  const fixtures = '../shared/fixtures/traces';
  if (!existsSync(fixtures)) {
    test.skip(`SKIPPED: ${fixtures} not found`);
    return;
  }
  test('zipkin-v2/messaging2.json: 11 spans, 6 of them orphans', async () => {
    const run = await cli('inspect', join(fixtures, 'zipkin-v2/messaging2.json'), '--format', 'json');
    assert.equal(run.code, 0);
    const summary = (JSON.parse(run.stdout) as { traces: { spans: number; roots: number; orphans: number }[] }).traces[0];
    assert.deepEqual([summary?.spans, summary?.orphans, summary?.roots], [11, 6, 7]);
  });

  test('jaeger-v1/malformed/trace_scan_error.json: exit 2 with the line and column of the error', async () => {
    const file = join(fixtures, 'jaeger-v1/malformed/trace_scan_error.json');
    const run = await cli('inspect', file);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /trace_scan_error\.json: not valid Jaeger JSON: line \d+, column \d+: /);
  });
});

