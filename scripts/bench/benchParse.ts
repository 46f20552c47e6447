/**
 * Parse benchmark: how much slower is opening a trace file (parseTraceText + buildTraceTree) than the bare
 * JSON.parse of its text, and how does it scale from 100k to 500k spans?
 *
 *   tsc -p . && node --expose-gc out/scripts/bench/benchParse.js [--sizes 10000,100000] [--formats otlp]
 *                                                               [--runs 3] [--cpu-prof DIR]
 *
 * For each format (jaeger, otlp, zipkin) and size (10k, 100k, 500k spans) a generated trace (seed 1,
 * test/fixtures/generate) is written to a temporary file once, then measured in fresh processes. Output,
 * one JSON line per measurement (ms = median wall time of the runs; cpuMs = median CPU time of the worker
 * process, all threads; MB = 2^20 bytes):
 *   {"bench":"json-parse","format":"otlp","spans":100000,"bytes":…,"ms":…,"mbPerS":…,"peakRssMb":…,"runs":5,"cpuMs":…}
 *   {"bench":"parse",…same fields…}                              end to end: parseTraceText + buildTraceTree
 * and per format a summary line:
 *   {"bench":"summary","format":"otlp","throughputVsJsonParse":{"10000":0.52,…},"time500kOver100k":5.1,…,
 *    "cpuThroughputVsJsonParse":{…},"cpuTime500kOver100k":…}
 * Targets: throughputVsJsonParse >= 0.4 at every size, time500kOver100k <= ~5. The cpu* figures are the same
 * ratios from CPU time: on a loaded machine wall times swing by 2-3x between runs, CPU times much less.
 * `--cpu-prof DIR` writes a V8 CPU profile of every end-to-end measurement into DIR (open in Chrome DevTools).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { TraceFormat } from '../../src/core/model';

const BYTES_PER_MB = 1024 * 1024;
const WORKER = join(__dirname, 'benchParseWorker.js');
const SEED = 1;
/** 500k spans of parsed model need several GB; V8's default heap limit would stop the worker. */
const WORKER_FLAGS = ['--expose-gc', '--max-old-space-size=16384'];

interface Measurement {
  readonly bench: 'json-parse' | 'parse';
  readonly format: TraceFormat;
  readonly spans: number;
  readonly bytes: number;
  readonly ms: number;
  readonly mbPerS: number;
  readonly peakRssMb: number;
  readonly runs: number;
  readonly cpuMs: number;
}

function runWorker(args: readonly string[], extraFlags: readonly string[] = []): unknown {
  const result = spawnSync(process.execPath, [...WORKER_FLAGS, ...extraFlags, WORKER, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`worker ${args.join(' ')} failed with exit code ${String(result.status)}`);
  return JSON.parse(result.stdout.trim());
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

function runsFor(spans: number, requested: number | undefined): number {
  if (requested !== undefined) return requested;
  return spans >= 500_000 ? 3 : 5;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '10000,100000,500000' },
      formats: { type: 'string', default: 'jaeger,otlp,zipkin' },
      runs: { type: 'string' },
      'cpu-prof': { type: 'string' },
    },
  });
  const sizes = values.sizes.split(',').map(Number);
  const formats = values.formats.split(',') as TraceFormat[];
  const requestedRuns = values.runs === undefined ? undefined : Number(values.runs);
  const profileDir = values['cpu-prof'] === undefined ? undefined : resolve(values['cpu-prof']);
  const scratch = mkdtempSync(join(tmpdir(), 'trace-lens-bench-'));
  try {
    for (const format of formats) {
      const results: Measurement[] = [];
      for (const spans of sizes) {
        const file = join(scratch, `${format}-${spans}.json`);
        const { bytes } = runWorker(['generate', format, String(spans), String(SEED), file]) as { bytes: number };
        const runs = runsFor(spans, requestedRuns);
        for (const bench of ['json-parse', 'parse'] as const) {
          const profileFlags = bench === 'parse' && profileDir !== undefined ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=parse-${format}-${spans}.cpuprofile`] : [];
          const { runsMs, runsCpuMs, peakRssMb } = runWorker(['measure', bench, file, String(runs)], profileFlags) as {
            runsMs: number[];
            runsCpuMs: number[];
            peakRssMb: number;
          };
          const ms = median(runsMs);
          const measurement: Measurement = {
            bench, format, spans, bytes, ms: round(ms, 1), mbPerS: round(bytes / BYTES_PER_MB / (ms / 1000), 1), peakRssMb, runs,
            cpuMs: round(median(runsCpuMs), 1),
          };
          results.push(measurement);
          process.stdout.write(`${JSON.stringify(measurement)}\n`);
        }
        rmSync(file);
      }
      process.stdout.write(`${JSON.stringify(summarize(format, results))}\n`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function summarize(format: TraceFormat, results: readonly Measurement[]): object {
  const find = (bench: Measurement['bench'], spans: number): Measurement | undefined =>
    results.find((m) => m.bench === bench && m.spans === spans);
  const ratios = (time: 'ms' | 'cpuMs'): { [spans: string]: number } => {
    const bySize: { [spans: string]: number } = {};
    for (const parse of results.filter((m) => m.bench === 'parse')) {
      const reference = find('json-parse', parse.spans);
      if (reference !== undefined) bySize[parse.spans] = round(reference[time] / parse[time], 2);
    }
    return bySize;
  };
  const growth = (time: 'ms' | 'cpuMs'): number | null => {
    const at100k = find('parse', 100_000);
    const at500k = find('parse', 500_000);
    return at100k !== undefined && at500k !== undefined ? round(at500k[time] / at100k[time], 2) : null;
  };
  const throughputVsJsonParse = ratios('ms');
  const time500kOver100k = growth('ms');
  return {
    bench: 'summary',
    format,
    throughputVsJsonParse,
    time500kOver100k,
    meetsThroughputTarget: Object.values(throughputVsJsonParse).every((ratio) => ratio >= 0.4),
    meetsScalingTarget: time500kOver100k === null ? null : time500kOver100k <= 5.5,
    cpuThroughputVsJsonParse: ratios('cpuMs'),
    cpuTime500kOver100k: growth('cpuMs'),
  };
}

main();
