import { buildTraceTree } from '../core/buildTree';
import { FORMAT_LABELS } from '../core/describeParseFailure';
import type { TraceTree } from '../core/model';
import { summarizeTrace } from '../core/traceSummary';
import { ExitCode, type CliIo } from './cliIo';
import type { InspectOutput } from './cliArgs';
import { readTraceFile } from './readTraceFile';

/** One trace in `inspect --format json`. The shape is documented in `--help`; keep both in step. */
export interface InspectedTrace {
  readonly traceId: string;
  /** Number of spans. */
  readonly spans: number;
  /** Distinct service names, sorted. */
  readonly services: readonly string[];
  /** Number of root spans, orphans included. */
  readonly roots: number;
  /** Number of spans whose parent is missing from the file. */
  readonly orphans: number;
  readonly warnings: readonly string[];
}

/** `trace-lens inspect <file> [--format text|json]`. */
export function runInspect(io: CliIo, file: string, output: InspectOutput): ExitCode {
  const read = readTraceFile(file);
  if (!read.ok) {
    io.stderr(`${read.message}\n`);
    return ExitCode.BadInput;
  }
  const trees = read.parsed.traces.map(buildTraceTree);
  if (output === 'json') {
    io.stdout(`${JSON.stringify({ traces: trees.map(inspectTree) })}\n`);
  } else {
    const count = trees.length === 1 ? '1 trace' : `${trees.length} traces`;
    io.stdout(`${file}: ${FORMAT_LABELS[read.parsed.format]}, ${count}\n`);
    for (const tree of trees) io.stdout(`\n${describeTree(tree)}`);
  }
  return ExitCode.Ok;
}

/** The JSON summary of one trace. */
export function inspectTree(tree: TraceTree): InspectedTrace {
  return {
    traceId: tree.trace.traceId,
    spans: tree.trace.spans.length,
    services: summarizeTrace(tree).services,
    roots: tree.roots.length,
    orphans: tree.orphans.length,
    warnings: treeWarnings(tree),
  };
}

/** Trace-level warnings, then the tree builder's, without repeating one the builder copied over. */
function treeWarnings(tree: TraceTree): string[] {
  const warnings = new Set<string>(tree.trace.warnings);
  for (const warning of tree.warnings) warnings.add(warning.message);
  return [...warnings];
}

/** A few aligned lines a person can scan; ends with a newline. */
function describeTree(tree: TraceTree): string {
  const summary = summarizeTrace(tree);
  const services = summary.services;
  const warnings = treeWarnings(tree);
  const errors = summary.errorCount === 1 ? '1 error' : `${summary.errorCount} errors`;
  const lines = [
    `trace ${summary.traceId}`,
    `  root      ${summary.rootService}: ${summary.rootOperation}`,
    `  spans     ${summary.spanCount} (${errors})`,
    `  services  ${services.length}: ${services.join(', ')}`,
    `  duration  ${formatMicros(summary.durationUs)}, starting ${new Date(Math.floor(summary.startUs / 1000)).toISOString()}`,
    `  tree      ${plural(tree.roots.length, 'root')}, ${plural(tree.orphans.length, 'orphan')}`,
  ];
  if (warnings.length === 0) lines.push('  warnings  none');
  else lines.push(`  warnings  ${warnings.length}:`, ...warnings.map((warning) => `    - ${warning}`));
  return `${lines.join('\n')}\n`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** 1234 → "1.23 ms"; 5_400_000 → "5.4 s"; 850 → "850 µs". */
export function formatMicros(us: number): string {
  if (us < 1000) return `${us} µs`;
  if (us < 1_000_000) return `${trimZeros((us / 1000).toFixed(2))} ms`;
  return `${trimZeros((us / 1_000_000).toFixed(2))} s`;
}

function trimZeros(fixed: string): string {
  return fixed.replace(/\.?0+$/, '');
}
