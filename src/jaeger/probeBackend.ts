/**
 * Finds out what a URL is: tries each known API's cheapest endpoint, at the URL itself and under `/jaeger`
 * (where Jaeger sits behind a shared ingress), and says which flavour answered. `openBackend` then builds the
 * matching client.
 */
import type { BackendKind, BackendResult, ConnectionOptions, TraceBackend } from './backendTypes';
import { HttpClient } from './httpClient';
import { JaegerBackend } from './jaegerBackend';
import { isRecord, stringArray } from './responseShapes';
import { TempoBackend } from './tempoBackend';
import { ZipkinBackend } from './zipkinBackend';

export interface ProbeResult {
  /** The flavour to use: Jaeger v3 when a Jaeger serves both APIs. */
  readonly kind: BackendKind;
  /** `''` or `/jaeger`: the prefix, after the base URL, under which the API answered. */
  readonly basePath: string;
  /** Every API that answered at that base path. */
  readonly available: readonly BackendKind[];
}

const BASE_PATHS = ['', '/jaeger'];

interface Probe {
  readonly kind: BackendKind;
  readonly path: string;
  readonly accepts: (body: unknown) => boolean;
}

const PROBES: readonly Probe[] = [
  // The key must be there: any JSON object would pass a lenient check. (An empty Jaeger v3 may omit it, as
  // protobuf JSON omits empty lists; such a server is still found through its v1 API.)
  { kind: 'jaeger-v3', path: '/api/v3/services', accepts: (body) => isRecord(body) && stringArray(body.services) !== undefined },
  { kind: 'jaeger-v1', path: '/api/services', accepts: (body) => isRecord(body) && 'data' in body && stringArray(body.data ?? []) !== undefined },
  { kind: 'zipkin', path: '/api/v2/services', accepts: (body) => stringArray(body) !== undefined },
  // Tempo's echo answers plain text, read as text rather than JSON.
  { kind: 'tempo', path: '/api/echo', accepts: (body) => typeof body === 'string' && body.trim() === 'echo' },
];

/** Failures that end the probe at once: every other endpoint would fail the same way. */
const FATAL = new Set(['unreachable', 'timeout', 'cancelled', 'too-large']);

export async function probeBackend(options: ConnectionOptions, signal?: AbortSignal): Promise<BackendResult<ProbeResult>> {
  const http = new HttpClient(options);
  try {
    return await probeWith(http, signal);
  } finally {
    await http.close();
  }
}

/** Probes, then returns the matching client (sharing one connection pool). */
export async function openBackend(options: ConnectionOptions, signal?: AbortSignal): Promise<BackendResult<TraceBackend>> {
  const probe = await probeBackend(options, signal);
  if (!probe.ok) return probe;
  return { ok: true, value: createBackend(options, probe.value.kind, probe.value.basePath) };
}

/** A client of a known flavour, without probing. Jaeger clients fall back between v1 and v3 by themselves. */
export function createBackend(options: ConnectionOptions, kind: BackendKind, basePath = ''): TraceBackend {
  const http = new HttpClient(options);
  switch (kind) {
    case 'jaeger-v1':
    case 'jaeger-v3':
      return new JaegerBackend(http, basePath, kind);
    case 'zipkin':
      return new ZipkinBackend(http, basePath);
    case 'tempo':
      return new TempoBackend(http, basePath);
  }
}

async function probeWith(http: HttpClient, signal: AbortSignal | undefined): Promise<BackendResult<ProbeResult>> {
  let authFailure: BackendResult<ProbeResult> | undefined;
  for (const basePath of BASE_PATHS) {
    const answers = await Promise.all(PROBES.map((probe) => runProbe(http, basePath + probe.path, probe, signal)));
    const available = PROBES.filter((_, i) => { const answer = answers[i]!; return answer.ok && answer.value; }).map((probe) => probe.kind);
    if (available.length > 0) return { ok: true, value: { kind: available[0]!, basePath, available } };
    for (const answer of answers) {
      if (answer.ok) continue;
      if (FATAL.has(answer.reason)) return answer;
      if (answer.reason === 'auth-required') authFailure ??= answer;
    }
  }
  if (authFailure !== undefined) return authFailure;
  return http.fail('not-a-trace-backend', `${http.baseUrl} does not answer like Jaeger, Zipkin or Tempo (tried /api/v3/services, /api/services, /api/v2/services and /api/echo, also under /jaeger): check the URL and port point at the query service, not the collector or the UI of another tool.`);
}

/** Whether one endpoint answered in its API's shape. */
async function runProbe(http: HttpClient, path: string, probe: Probe, signal: AbortSignal | undefined): Promise<BackendResult<boolean>> {
  if (probe.kind === 'tempo') {
    const response = await http.getText(path, {}, signal);
    return response.ok ? { ok: true, value: probe.accepts(response.value.text) } : response;
  }
  const response = await http.getJson(path, {}, signal);
  return response.ok ? { ok: true, value: probe.accepts(response.value) } : response;
}
