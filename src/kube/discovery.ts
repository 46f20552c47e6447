/**
 * Finds the trace backends in a cluster: lists Services in the namespaces to search, matches them against
 * the known deployments (discoveryRules.ts), and resolves each match to a ready pod and container port.
 * Every choice can be overridden; "nothing found" says where it looked and for what.
 */
import { CoreV1Api, type V1Service } from '@kubernetes/client-node';
import type { LoadedKubeConfig } from './kubeConfig';
import { failed, success, type KubeFailure, type KubeResult } from './kubeFailure';
import { DEFAULT_NAMESPACES, DISCOVERY_RULES, JAEGER_QUERY_PORT, TEMPO_HTTP_PORTS, ZIPKIN_PORT, matchService, nameOf, type BackendFamily } from './discoveryRules';
import { resolvePod, targetOfService, type PodTarget } from './podResolution';
import { describeApiFailure } from './rbacErrors';

export interface DiscoveryOverrides {
  /** Search only this namespace. */
  readonly namespace?: string;
  /** Select pods directly (no Service); with `port`, the container port. */
  readonly labelSelector?: string;
  /** Use this Service (in `namespace`, else the context's namespace). */
  readonly service?: string;
  /** With `service`: the Service port (or its target port); otherwise the container port. */
  readonly port?: number;
  readonly basePath?: string;
  readonly backend?: BackendFamily;
}

export interface BackendCandidate {
  readonly family: BackendFamily;
  /** The discovery rule that matched, or `override`. */
  readonly rule: string;
  readonly namespace: string;
  readonly service?: string;
  readonly pod: string;
  readonly containerPort: number;
  readonly basePath: string;
  /** Why this candidate was chosen, for logs and pickers. */
  readonly reason: string;
  /** How to find the pod again after it is replaced. */
  readonly target: PodTarget;
}

export async function discoverBackends(loaded: LoadedKubeConfig, overrides: DiscoveryOverrides = {}): Promise<KubeResult<BackendCandidate[]>> {
  const api = loaded.kubeConfig.makeApiClient(CoreV1Api);
  if (overrides.labelSelector !== undefined && overrides.service === undefined) return discoverBySelector(api, loaded, overrides);
  if (overrides.service !== undefined) return discoverNamedService(api, loaded, overrides);

  const namespaces = overrides.namespace !== undefined ? [overrides.namespace] : unique([...DEFAULT_NAMESPACES, loaded.namespace]);
  const candidates: BackendCandidate[] = [];
  const problems: string[] = [];
  for (const namespace of namespaces) {
    let services: V1Service[];
    try {
      services = (await api.listNamespacedService({ namespace })).items;
    } catch (error) {
      const failure = describeApiFailure(error, { verb: 'list', resource: 'services', namespace }, loaded.server);
      // A missing namespace is the usual case when searching the defaults; anything else is worth saying.
      if (failure.kind === 'not-found') continue;
      if (failure.kind === 'unreachable' || failure.kind === 'unauthorized') return { ok: false, failure };
      problems.push(failure.message);
      continue;
    }
    for (const service of services) {
      const matched = matchService({ ...service, metadata: { ...service.metadata, namespace } }, namespace);
      if (!matched || (overrides.backend !== undefined && matched.rule.family !== overrides.backend)) continue;
      const target = targetOfService(service, matched.match.port);
      if (!target) continue;
      const pod = await resolvePod(api, { ...target, namespace }, loaded.server);
      if (!pod.ok) {
        if (pod.failure.kind === 'unreachable') return pod;
        problems.push(`${namespace}/${nameOf(service)}: ${pod.failure.message}`);
        continue;
      }
      candidates.push({
        family: matched.rule.family, rule: matched.rule.id, namespace, service: nameOf(service), ...pod.value,
        basePath: overrides.basePath ?? matched.rule.basePath, target: { ...target, namespace },
        reason: `${matched.match.reason}: service ${namespace}/${nameOf(service)} port ${matched.match.port.port} → pod port ${pod.value.containerPort}`,
      });
    }
  }
  if (candidates.length > 0) return success(candidates);
  return { ok: false, failure: nothingFound(loaded, namespaces, problems) };
}

async function discoverNamedService(api: CoreV1Api, loaded: LoadedKubeConfig, overrides: DiscoveryOverrides): Promise<KubeResult<BackendCandidate[]>> {
  const namespace = overrides.namespace ?? loaded.namespace;
  const name = overrides.service ?? '';
  let service: V1Service;
  try {
    service = await api.readNamespacedService({ name, namespace });
  } catch (error) {
    return { ok: false, failure: describeApiFailure(error, { verb: 'get', resource: 'services', namespace, name }, loaded.server) };
  }
  const matched = matchService({ ...service, metadata: { ...service.metadata, namespace } }, namespace);
  const ports = service.spec?.ports ?? [];
  const port = overrides.port !== undefined ? ports.find((p) => p.port === overrides.port || p.targetPort === overrides.port) : matched?.match.port ?? (ports.length === 1 ? ports[0] : undefined);
  if (!port) {
    return failed('not-found', `service ${namespace}/${name} has no ${overrides.port ?? 'known trace'} port (ports: ${ports.map((p) => p.port).join(', ') || 'none'}); set the port`);
  }
  const labelTarget = overrides.labelSelector !== undefined ? { namespace, labelSelector: overrides.labelSelector, port: { servicePort: port } } : targetOfService(service, port);
  if (!labelTarget) return failed('not-found', `service ${namespace}/${name} has no pod selector, so there is no pod to forward to`);
  const target = { ...labelTarget, namespace };
  const pod = await resolvePod(api, target, loaded.server);
  if (!pod.ok) return pod;
  return success([{
    family: overrides.backend ?? matched?.rule.family ?? familyOfPort(pod.value.containerPort), rule: matched?.rule.id ?? 'override', namespace, service: name,
    ...pod.value, basePath: overrides.basePath ?? matched?.rule.basePath ?? '', target,
    reason: `service ${namespace}/${name} chosen by the user; port ${port.port} → pod port ${pod.value.containerPort}`,
  }]);
}

async function discoverBySelector(api: CoreV1Api, loaded: LoadedKubeConfig, overrides: DiscoveryOverrides): Promise<KubeResult<BackendCandidate[]>> {
  const namespace = overrides.namespace ?? loaded.namespace;
  const labelSelector = overrides.labelSelector ?? '';
  // Without a port we cannot look inside the pod's spec before listing it, so try the known query ports.
  const containerPort = overrides.port ?? JAEGER_QUERY_PORT;
  const target: PodTarget = { namespace, labelSelector, port: { containerPort } };
  const pod = await resolvePod(api, target, loaded.server);
  if (!pod.ok) return pod;
  return success([{
    family: overrides.backend ?? familyOfPort(containerPort), rule: 'override', namespace, ...pod.value,
    basePath: overrides.basePath ?? '', target,
    reason: `pods ${labelSelector} in ${namespace} chosen by the user; container port ${containerPort}`,
  }]);
}

function familyOfPort(port: number): BackendFamily {
  if (TEMPO_HTTP_PORTS.includes(port)) return 'tempo';
  return port === ZIPKIN_PORT ? 'zipkin' : 'jaeger';
}

function nothingFound(loaded: LoadedKubeConfig, namespaces: readonly string[], problems: readonly string[]): KubeFailure {
  const lookedFor = DISCOVERY_RULES.map((rule) => `  - ${rule.lookedFor}${rule.namespaces ? ` in ${rule.namespaces.join(', ')}` : ''}`).join('\n');
  const trouble = problems.length > 0 ? `\nAlong the way:\n${problems.map((p) => `  - ${p}`).join('\n')}` : '';
  return {
    kind: 'nothing-found',
    message: `no trace backend found in context ${loaded.contextName}: searched namespaces ${namespaces.join(', ')} for\n${lookedFor}${trouble}\n`
      + 'Point at it with namespace, service and port (or a label selector).',
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
