/**
 * How each known trace backend shows up in a cluster, as data: which Services to pick, which of their ports
 * is the query API, and under which base path it answers. Checked in order; the first rule that matches a
 * Service wins. Pure functions over Service objects, so they are testable without a server.
 */
import type { V1Service, V1ServicePort } from '@kubernetes/client-node';

/** The API family a Service is expected to serve; the probe after forwarding decides the exact flavour. */
export type BackendFamily = 'jaeger' | 'tempo' | 'zipkin';

export interface DiscoveryRule {
  readonly id: string;
  readonly family: BackendFamily;
  /** Only Services in these namespaces match; undefined: any namespace searched. */
  readonly namespaces?: readonly string[];
  /** For the "nothing found" message: what this rule looks for. */
  readonly lookedFor: string;
  readonly basePath: string;
  /** The query port of a matching Service and why it matched, or undefined. */
  readonly match: (service: V1Service) => RuleMatch | undefined;
}

export interface RuleMatch {
  readonly port: V1ServicePort;
  readonly reason: string;
}

export const JAEGER_QUERY_PORT = 16686;
export const TEMPO_HTTP_PORTS: readonly number[] = [3200, 3100];
export const ZIPKIN_PORT = 9411;

/** Namespaces searched when none is given, besides the context's own. */
export const DEFAULT_NAMESPACES: readonly string[] = ['kyma-system', 'istio-system', 'observability', 'tracing', 'jaeger', 'tempo', 'monitoring'];

export const DISCOVERY_RULES: readonly DiscoveryRule[] = [
  {
    id: 'kyma', family: 'jaeger', namespaces: ['kyma-system'], basePath: '',
    lookedFor: 'service tracing-jaeger-query (Kyma, pods app=jaeger)',
    match: (service) => whenNamed(service, 'tracing-jaeger-query', queryPort(service), "Kyma's Jaeger query service"),
  },
  {
    id: 'istio-addon', family: 'jaeger', namespaces: ['istio-system'], basePath: '/jaeger',
    lookedFor: "service tracing (Istio's Jaeger addon, port 80 → 16686, base path /jaeger)",
    match: (service) => whenNamed(service, 'tracing', queryPort(service) ?? portWhere(service, (p) => p.port === 80), "Istio's Jaeger addon (served under /jaeger)"),
  },
  {
    id: 'jaeger-helm', family: 'jaeger', basePath: '',
    lookedFor: 'services labelled app.kubernetes.io/name=jaeger with port 16686 (Jaeger Helm chart 3.x -query, ≥ 4.2 all-in-one)',
    match: (service) => {
      if (labelOf(service, 'app.kubernetes.io/name') !== 'jaeger') return undefined;
      const port = queryPort(service);
      const shape = nameOf(service).endsWith('-query') ? 'query service (chart 3.x)' : 'all-in-one service (chart ≥ 4.2)';
      return port && { port, reason: `Jaeger Helm chart ${shape}` };
    },
  },
  {
    id: 'jaeger-operator', family: 'jaeger', basePath: '',
    lookedFor: 'services <name>-query selecting app.kubernetes.io/component=query or all-in-one (Jaeger Operator)',
    match: (service) => {
      const component = selectorOf(service)['app.kubernetes.io/component'];
      if (!nameOf(service).endsWith('-query') || (component !== 'query' && component !== 'all-in-one')) return undefined;
      const port = queryPort(service);
      return port && { port, reason: `Jaeger Operator query service (component=${component})` };
    },
  },
  {
    id: 'jaeger', family: 'jaeger', basePath: '',
    lookedFor: 'any service with port 16686 (Jaeger v1 or v2 query)',
    match: (service) => {
      if (isIstioZipkin(service)) return undefined;
      const port = queryPort(service);
      return port && { port, reason: `serves port ${JAEGER_QUERY_PORT}, the Jaeger query port` };
    },
  },
  {
    id: 'tempo', family: 'tempo', basePath: '',
    lookedFor: 'services labelled app.kubernetes.io/name=tempo with port 3200 or 3100 (Grafana Tempo)',
    match: (service) => {
      if (labelOf(service, 'app.kubernetes.io/name') !== 'tempo' || nameOf(service).endsWith('-discovery')) return undefined;
      // tempo-distributed gives every component an HTTP port; only the query frontend answers queries.
      const component = labelOf(service, 'app.kubernetes.io/component');
      if (component !== undefined && component !== 'query-frontend') return undefined;
      const port = TEMPO_HTTP_PORTS.map((number) => portWhere(service, (p) => p.port === number || p.targetPort === number)).find((p) => p !== undefined);
      return port && { port, reason: `Grafana Tempo HTTP API on ${port.port}` };
    },
  },
  {
    id: 'zipkin', family: 'zipkin', basePath: '',
    lookedFor: "services with port 9411 (Zipkin; Istio's zipkin service is a Jaeger collector and is skipped)",
    match: (service) => {
      if (isIstioZipkin(service) || selectsCollector(service)) return undefined;
      const port = portWhere(service, (p) => p.port === ZIPKIN_PORT || p.targetPort === ZIPKIN_PORT);
      return port && { port, reason: `Zipkin API on ${ZIPKIN_PORT}` };
    },
  },
];

export function matchService(service: V1Service, namespace: string): { rule: DiscoveryRule; match: RuleMatch } | undefined {
  for (const rule of DISCOVERY_RULES) {
    if (rule.namespaces && !rule.namespaces.includes(namespace)) continue;
    const match = rule.match(service);
    if (match) return { rule, match };
  }
  return undefined;
}

/**
 * Istio ships a `zipkin` Service that selects the Jaeger pod's collector port: it accepts spans in Zipkin
 * format but has no query API, so picking it would give a backend that never lists a trace.
 */
export function isIstioZipkin(service: V1Service): boolean {
  return nameOf(service) === 'zipkin' && (service.metadata?.namespace === 'istio-system' || selectorOf(service)['app'] === 'jaeger');
}

/** Jaeger collectors and Tempo distributors accept Zipkin spans on 9411 but have no Zipkin query API there. */
function selectsCollector(service: V1Service): boolean {
  const selector = selectorOf(service);
  const name = labelOf(service, 'app.kubernetes.io/name');
  return selector['app'] === 'jaeger' || name === 'jaeger' || name === 'tempo' || labelOf(service, 'app.kubernetes.io/part-of') === 'jaeger'
    || ['collector', 'all-in-one'].includes(selector['app.kubernetes.io/component'] ?? '');
}

function queryPort(service: V1Service): V1ServicePort | undefined {
  return portWhere(service, (p) => p.port === JAEGER_QUERY_PORT || p.targetPort === JAEGER_QUERY_PORT)
    ?? portWhere(service, (p) => p.name === 'http-query' || p.name === 'query' || p.targetPort === 'http-query' || p.targetPort === 'query');
}

function whenNamed(service: V1Service, name: string, port: V1ServicePort | undefined, reason: string): RuleMatch | undefined {
  return nameOf(service) === name && port ? { port, reason } : undefined;
}

function portWhere(service: V1Service, predicate: (port: V1ServicePort) => boolean): V1ServicePort | undefined {
  return (service.spec?.ports ?? []).find(predicate);
}

export function nameOf(service: V1Service): string {
  return service.metadata?.name ?? '';
}

export function selectorOf(service: V1Service): Record<string, string> {
  return service.spec?.selector ?? {};
}

function labelOf(service: V1Service, key: string): string | undefined {
  return service.metadata?.labels?.[key] ?? selectorOf(service)[key];
}
