/**
 * A trace-backend client over a port-forward that heals: a request cut off because the pod behind the
 * forward died (the pooled connection's tunnel closed) is sent once more after the forward has reconnected,
 * so a pod replacement costs the user a pause, not an error. Only read requests exist here, so a retry is safe.
 */
import type { BackendResult, TraceBackend } from '../jaeger/backendTypes';
import type { KubeResult } from './kubeFailure';

/** Resolves once the forward can take connections again (or will not), waiting at most `timeoutMs`. */
export type WhenUsable = (timeoutMs: number) => Promise<KubeResult<void>>;

/** Failures a reconnected forward can fix: the connection dropped, or the answer was cut off. */
const HEALABLE = new Set(['unreachable', 'bad-response']);

export function healingBackend(backend: TraceBackend, whenUsable: WhenUsable, timeoutMs: number): TraceBackend {
  const retried = async <T>(call: () => Promise<BackendResult<T>>, signal?: AbortSignal): Promise<BackendResult<T>> => {
    const first = await call();
    if (first.ok || !HEALABLE.has(first.reason) || signal?.aborted === true) return first;
    const usable = await whenUsable(timeoutMs);
    return usable.ok ? call() : { ...first, message: `${first.message} (the port-forward: ${usable.failure.message})` };
  };
  const { listDependencies } = backend;
  return {
    kind: backend.kind,
    displayUrl: backend.displayUrl,
    listServices: (signal) => retried(() => backend.listServices(signal), signal),
    listOperations: (service, signal) => retried(() => backend.listOperations(service, signal), signal),
    searchTraces: (query, signal) => retried(() => backend.searchTraces(query, signal), signal),
    getTrace: (traceId, signal) => retried(() => backend.getTrace(traceId, signal), signal),
    ...(listDependencies === undefined
      ? {}
      : { listDependencies: (endUs: number, lookbackMs: number, signal?: AbortSignal) => retried(() => listDependencies.call(backend, endUs, lookbackMs, signal), signal) }),
    close: () => backend.close(),
  };
}
