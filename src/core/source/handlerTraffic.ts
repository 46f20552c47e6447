import type { Span, Trace } from '../model';
import type { MatchOptions, WorkspaceIndex } from '../spanMatching/workspaceIndex';
import { formatDurationUs } from '../waterfallLayout';
import type { SourceHandler } from './handlerTypes';

/**
 * From an indexed handler to the traces that ran it: which service and span name to search for, and the
 * figures a code lens shows from the search's answer.
 */

/**
 * The span name HTTP server instrumentations give a route (`GET /users/:id`), a gRPC method
 * (`Greeter/SayHello`), or a manual span's own name.
 */
export function operationOfHandler(handler: SourceHandler): string {
  if (handler.kind === 'route' && handler.method !== 'ANY' && handler.pathTemplate !== undefined && !handler.pathTemplate.startsWith('regex:')) return `${handler.method} ${handler.pathTemplate}`;
  return handler.name;
}

/**
 * The service whose code is in `path` (workspace-relative): a `serviceFolders` entry whose folder holds
 * the file, else the Kubernetes alias group whose name is one of the path's folders, else the file's
 * first folder. Undefined for a file at the workspace root (the service is the workspace itself).
 */
export function serviceOfPath(path: string, index: WorkspaceIndex, options: MatchOptions): string | undefined {
  for (const [service, folder] of Object.entries(options.serviceFolders ?? {})) {
    if (path.startsWith(`${folder.replace(/\/+$/, '')}/`)) return service;
  }
  const folders = path.split('/').slice(0, -1);
  for (const folder of folders) if (index.serviceAliases.some((group) => group.names.includes(folder))) return folder;
  return folders[0];
}

/** The handler whose registration or body holds a 0-based line; the innermost (latest starting) when nested. */
export function handlerAtLine(handlers: readonly SourceHandler[], line0: number): SourceHandler | undefined {
  const containing = handlers.filter((handler) => (handler.range.startLine0 <= line0 && line0 <= handler.range.endLine0) || (handler.functionRange.startLine0 <= line0 && line0 <= handler.functionRange.endLine0));
  return containing.sort((a, b) => b.functionRange.startLine0 - a.functionRange.startLine0)[0];
}

/** What a code lens says about a handler's recent traffic. Durations in microseconds. */
export interface HandlerTraffic {
  readonly traces: number;
  readonly p50Us: number;
  readonly p95Us: number;
  readonly errors: number;
  readonly slowestTraceId?: string;
  readonly latestTraceId?: string;
}

/** A trace found by a search, with its spans when the backend sent them. */
export interface TrafficSample {
  readonly traceId: string;
  /** Microseconds since the epoch. */
  readonly startUs: number;
  /** The whole trace's duration, microseconds: used when the spans are not at hand. */
  readonly durationUs: number;
  readonly errorCount?: number;
  readonly trace?: Trace;
}

/**
 * Latency percentiles of the handler's own spans (the spans named `operation`, of `service` when given)
 * in the sampled traces; a trace without spans counts with its whole duration. Nearest-rank percentiles.
 */
export function summarizeTraffic(samples: readonly TrafficSample[], operation: string, service?: string): HandlerTraffic {
  const durations: number[] = [];
  let errors = 0;
  let slowest: { id: string; us: number } | undefined;
  let latest: { id: string; startUs: number } | undefined;
  for (const sample of samples) {
    const own = sample.trace?.spans.filter((span: Span) => span.operation === operation && (service === undefined || span.service === service)) ?? [];
    const durationUs = own.length > 0 ? Math.max(...own.map((span) => span.durationUs)) : sample.durationUs;
    durations.push(durationUs);
    const failed = own.length > 0 ? own.some((span) => span.status.code === 'error') : (sample.errorCount ?? 0) > 0;
    if (failed) errors++;
    if (!slowest || durationUs > slowest.us) slowest = { id: sample.traceId, us: durationUs };
    if (!latest || sample.startUs > latest.startUs) latest = { id: sample.traceId, startUs: sample.startUs };
  }
  durations.sort((a, b) => a - b);
  return {
    traces: samples.length,
    p50Us: percentile(durations, 0.5),
    p95Us: percentile(durations, 0.95),
    errors,
    ...(slowest ? { slowestTraceId: slowest.id } : {}),
    ...(latest ? { latestTraceId: latest.id } : {}),
  };
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? 0;
}

/** `12 traces · p50 35ms · p95 1.2s · 1 error (last hour)`; `limited` adds `+` when the search hit its limit. */
export function trafficTitle(traffic: HandlerTraffic, window: string, limited = false): string {
  if (traffic.traces === 0) return `No traces (${window})`;
  const count = `${traffic.traces}${limited ? '+' : ''} trace${traffic.traces === 1 ? '' : 's'}`;
  const errors = `${traffic.errors} error${traffic.errors === 1 ? '' : 's'}`;
  return `${count} · p50 ${formatDurationUs(traffic.p50Us)} · p95 ${formatDurationUs(traffic.p95Us)} · ${errors} (${window})`;
}
