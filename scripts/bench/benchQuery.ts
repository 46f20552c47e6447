/**
 * Query benchmark: time from "Search" to the results the Traces view receives, against a Jaeger v1 backend
 * whose search answer carries every trace in full (as Jaeger's does), for 20, 100 and 1,500 traces (Jaeger
 * UI's maximum), and the peak memory of the extension-host side while doing it.
 *
 *   tsc -p . && node --expose-gc out/scripts/bench/benchQuery.js [--counts 20,100,1500] [--runs 5]
 *
 * Output, one JSON line per count (ms = median of the runs; MB = 2^20 bytes):
 *   {"bench":"query","traces":1500,"spans":…,"responseMb":…,"ms":…,"peakRssMb":…,"runs":5}
 * `ms` covers: the HTTP request, reading and parsing the answer into the model, the hit summaries, the
 * result rows, sorting, the scatter layout and serializing the `resultsLoaded` message (what postMessage
 * sends). Each count is measured in a fresh process, and the fake backend runs in a child process of
 * that, so `peakRssMb` is the client's alone (process maximum resident set size, warm-up included).
 */
import { fork, spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import type { Trace, TraceId } from '../../src/core/model';
import { scatterLayout, searchResultRows, sortRows } from '../../src/core/searchResultsModel';
import { toJaegerJson } from '../../src/core/writeJaeger';
import { createBackend } from '../../src/jaeger/probeBackend';
import type { ToSearchWebviewMessage } from '../../src/protocol/searchMessages';
import { generateTrace } from '../../test/fixtures/generate/generateTrace';
import { FakeTraceBackend } from '../../test/fakes/fakeTraceBackend';

const BYTES_PER_MB = 1024 * 1024;
const SERVICE = 'frontend';
/** Spans per trace vary from 5 to 35 (20 on average), like the mixed traces a service search returns. */
const spansOfTrace = (index: number): number => 5 + ((index * 7) % 31);
/** A search window that holds every generated trace (they start within a day of the generator's base time). */
const WINDOW = { startUs: 0, endUs: 4_102_444_800_000_000 };

interface ServerReady {
  readonly url: string;
  readonly spans: number;
  readonly responseBytes: number;
}

/** Serve mode (a child process): `count` generated traces, the search answer precomputed so serving is only I/O. */
async function serve(count: number): Promise<void> {
  const traces: Trace[] = [];
  for (let i = 0; i < count; i++) {
    const trace = generateTrace(spansOfTrace(i), i + 1);
    // Distinct starts a few seconds apart, so the scatter and the sort have real work.
    const shiftUs = i * 3_000_000;
    traces.push({ ...trace, traceId: trace.traceId as TraceId, spans: trace.spans.map((span) => ({ ...span, startUs: span.startUs + shiftUs })) });
  }
  const body = JSON.stringify(toJaegerJson(traces));
  const fake = await FakeTraceBackend.start({ apis: ['jaeger-v1'], replay: { '/api/traces': { body } } });
  const ready: ServerReady = { url: fake.url, spans: traces.reduce((sum, trace) => sum + trace.spans.length, 0), responseBytes: Buffer.byteLength(body) };
  process.send?.(ready);
  process.on('disconnect', () => void fake.close().then(() => process.exit(0)));
}

/** Measure mode (a fresh process per count): start the server child, search `runs` times, print one line. */
async function measure(count: number, runs: number): Promise<void> {
  const child = fork(__filename, ['--serve', String(count)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: ['--max-old-space-size=4096'] });
  const ready = await new Promise<ServerReady>((resolve) => child.once('message', (message) => resolve(message as ServerReady)));
  const backend = createBackend({ baseUrl: ready.url, maxResponseBytes: 256 * BYTES_PER_MB, timeoutMs: 120_000 }, 'jaeger-v1');
  const times: number[] = [];
  try {
    for (let run = 0; run < runs + 1; run++) {
      (globalThis as { gc?: () => void }).gc?.();
      const started = performance.now();
      const found = await backend.searchTraces({ service: SERVICE, ...WINDOW, limit: count });
      if (!found.ok) throw new Error(`search failed: ${found.message}`);
      const rows = searchResultRows(found.value.map((hit) => hit.summary), false);
      if (rows.length !== count) throw new Error(`expected ${count} results, got ${rows.length}`);
      sortRows(rows, 'recent');
      scatterLayout(rows, { width: 400, height: 150 });
      const message: ToSearchWebviewMessage = { type: 'resultsLoaded', searchId: run, rows, tookMs: 0, limitReached: true };
      JSON.stringify(message);
      // The first run warms up the JIT and the connection; it is not counted.
      if (run > 0) times.push(performance.now() - started);
    }
  } finally {
    await backend.close();
    child.disconnect();
  }
  times.sort((a, b) => a - b);
  const line = {
    bench: 'query',
    traces: count,
    spans: ready.spans,
    responseMb: round(ready.responseBytes / BYTES_PER_MB),
    ms: round(times[Math.floor(times.length / 2)]!),
    peakRssMb: round((process.resourceUsage().maxRSS * 1024) / BYTES_PER_MB),
    runs,
  };
  console.log(JSON.stringify(line));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function main(): void {
  const { values } = parseArgs({ options: { serve: { type: 'string' }, measure: { type: 'string' }, counts: { type: 'string' }, runs: { type: 'string' } } });
  const runs = Number(values.runs ?? 5);
  if (values.serve !== undefined) return void serve(Number(values.serve));
  if (values.measure !== undefined) return void measure(Number(values.measure), runs);
  for (const count of (values.counts ?? '20,100,1500').split(',').map(Number)) {
    const result = spawnSync(process.execPath, ['--expose-gc', __filename, '--measure', String(count), '--runs', String(runs)], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (result.status !== 0) process.exitCode = 1;
  }
}

main();
