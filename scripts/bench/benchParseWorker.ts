/**
 * One step of the parse benchmark, run by benchParse.ts in a fresh Node process so that each size starts
 * from a clean heap and `peakRssMb` belongs to that one measurement.
 *
 *   node --expose-gc benchParseWorker.js generate <format> <spans> <seed> <file>
 *       writes generateTraceText(format, spans, seed) to <file>; prints {"bytes":…,"generateMs":…}
 *   node --expose-gc benchParseWorker.js measure <json-parse|parse> <file> <runs>
 *       times the work <runs> times (after one untimed warm-up when the file is small); prints
 *       {"runsMs":[…],"runsCpuMs":[…],"peakRssMb":…}
 *       runsCpuMs is the CPU time of the whole process (every thread, so the garbage collector's helper
 *       threads count) during each run: unlike wall time it hardly moves when other programs load the
 *       machine, so it is the steadier figure for comparing two changes on a busy computer.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { buildTraceTree } from '../../src/core/buildTree';
import type { TraceFormat, TraceTree } from '../../src/core/model';
import { parseTraceText } from '../../src/core/parseTrace';
import { generateTraceText } from '../../test/fixtures/generate/generateTrace';

/** Below this size a warm-up run is cheap and keeps JIT compilation out of the timings. */
const WARM_UP_BELOW_BYTES = 200 * 1024 * 1024;

type MeasuredWork = 'json-parse' | 'parse';

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with node --expose-gc');
  gc();
}

/** The end-to-end path of opening a file: parse, then arrange every trace as a tree. */
function parseAndBuild(text: string): TraceTree[] {
  const result = parseTraceText(text);
  if (!result.ok) throw new Error(`parse failed: ${result.message}`);
  return result.traces.map(buildTraceTree);
}

function measure(work: MeasuredWork, file: string, runs: number): void {
  const text = readFileSync(file, 'utf8');
  const run = work === 'json-parse' ? (): unknown => JSON.parse(text) : (): unknown => parseAndBuild(text);
  if (text.length < WARM_UP_BELOW_BYTES) run();
  const runsMs: number[] = [];
  const runsCpuMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    collectGarbage();
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const kept = run();
    runsMs.push(performance.now() - start);
    const cpu = process.cpuUsage(cpuStart); // µs
    runsCpuMs.push((cpu.user + cpu.system) / 1000);
    // Hold the result until the clock stops, so its collection is not timed (nor skipped by the optimizer).
    if (kept === undefined) throw new Error('no result');
  }
  const peakRssMb = process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB
  process.stdout.write(`${JSON.stringify({ runsMs, runsCpuMs, peakRssMb: Math.round(peakRssMb) })}\n`);
}

function generate(format: TraceFormat, spans: number, seed: number, file: string): void {
  const start = performance.now();
  const text = generateTraceText(format, spans, seed);
  const generateMs = performance.now() - start;
  writeFileSync(file, text);
  process.stdout.write(`${JSON.stringify({ bytes: Buffer.byteLength(text), generateMs: Math.round(generateMs) })}\n`);
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'generate') {
  const [format, spans, seed, file] = args;
  generate(format as TraceFormat, Number(spans), Number(seed), String(file));
} else if (mode === 'measure') {
  const [work, file, runs] = args;
  measure(work as MeasuredWork, String(file), Number(runs));
} else {
  process.stderr.write(`benchParseWorker: unknown mode ${String(mode)}; run benchParse.js instead\n`);
  process.exitCode = 2;
}

