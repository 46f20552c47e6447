import type * as vscode from 'vscode';
import { LruCache } from '../core/lruCache';
import type { Trace } from '../core/model';
import type { BackendFailure } from '../jaeger/backendTypes';
import type { BackendConnection, NotConfigured } from './backendConnection';

/** Fetched traces kept for instant reopening: at most this many traces … */
const MAX_TRACES = 100;
/** … and this many spans in all (roughly 1 KB each in memory), so a few huge traces cannot exhaust the extension host. */
const MAX_SPANS = 1_000_000;

export type FetchResult = { readonly ok: true; readonly value: Trace } | BackendFailure | NotConfigured;

/**
 * Traces by id, from the cache or the backend. Search results that carry their whole trace go straight in,
 * so opening a result is instant. Emptied when the connection changes: another backend has other traces.
 */
export class TraceCache {
  private readonly traces = new LruCache<string, Trace>({ maxEntries: MAX_TRACES, maxWeight: MAX_SPANS, weigh: (trace) => trace.spans.length });

  constructor(private readonly connection: BackendConnection, subscriptions: vscode.Disposable[]) {
    subscriptions.push(connection.onDidChange(() => this.traces.clear()));
  }

  remember(trace: Trace): void {
    this.traces.set(trace.traceId, trace);
  }

  /** Whether a trace is cached, so callers can skip a progress notification. */
  has(traceId: string): boolean {
    return this.traces.has(traceId);
  }

  async fetch(traceId: string, signal?: AbortSignal): Promise<FetchResult> {
    const cached = this.traces.get(traceId);
    if (cached !== undefined) return { ok: true, value: cached };
    const backend = await this.connection.getBackend(signal);
    if (!backend.ok) return backend;
    const fetched = await backend.value.getTrace(traceId, signal);
    if (fetched.ok) this.remember(fetched.value);
    return fetched;
  }
}
