/**
 * After forwarding, asks the backend what it is: each API's cheapest endpoint, at the chosen base path and
 * under `/jaeger`. A Jaeger v2 serves both `/api` and `/api/v3`; v3 is preferred, as in src/jaeger.
 */
import type { BackendFamily } from './discoveryRules';
import type { KubeFailure, KubeResult } from './kubeFailure';
import type { ForwardResponse } from './forwardRequest';

/** The API that answered; the same names as src/jaeger's BackendKind. */
export type BackendApi = 'jaeger-v1' | 'jaeger-v3' | 'zipkin' | 'tempo';

export interface ProbedApi {
  readonly api: BackendApi;
  /** `''` or a prefix such as `/jaeger`. */
  readonly basePath: string;
}

type Get = (path: string) => Promise<KubeResult<ForwardResponse>>;

interface Probe {
  readonly api: BackendApi;
  readonly family: BackendFamily;
  readonly path: string;
  readonly accepts: (body: string) => boolean;
}

const PROBES: readonly Probe[] = [
  { api: 'jaeger-v3', family: 'jaeger', path: '/api/v3/services', accepts: (body) => hasArray(parse(body), 'services') },
  { api: 'jaeger-v1', family: 'jaeger', path: '/api/services', accepts: (body) => hasArray(parse(body), 'data') },
  { api: 'zipkin', family: 'zipkin', path: '/api/v2/services', accepts: (body) => Array.isArray(parse(body)) },
  { api: 'tempo', family: 'tempo', path: '/api/echo', accepts: (body) => body.trim() === 'echo' },
];

export async function probeApi(get: Get, family: BackendFamily, basePath: string): Promise<KubeResult<ProbedApi>> {
  const bases = [...new Set([basePath, '', '/jaeger'])];
  // The expected family first; the others still get a chance, since labels can mislead.
  const probes = [...PROBES.filter((p) => p.family === family), ...PROBES.filter((p) => p.family !== family)];
  const tried: string[] = [];
  for (const base of bases) {
    for (const probe of probes) {
      const response = await get(`${base}${probe.path}`);
      if (!response.ok) return response.failure.kind === 'unreachable' && tried.length > 0 ? notAnApi(tried) : response;
      tried.push(`${base}${probe.path} → ${response.value.status}`);
      if (response.value.status === 200 && probe.accepts(response.value.body.toString('utf8'))) return { ok: true, value: { api: probe.api, basePath: base } };
    }
  }
  return notAnApi(tried);
}

function notAnApi(tried: readonly string[]): KubeResult<ProbedApi> {
  const failure: KubeFailure = { kind: 'probe-failed', message: `the forwarded port does not answer as Jaeger, Zipkin or Tempo (${tried.join('; ')})` };
  return { ok: false, failure };
}

function parse(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function hasArray(body: unknown, key: string): boolean {
  return typeof body === 'object' && body !== null && Array.isArray((body as Record<string, unknown>)[key]);
}
