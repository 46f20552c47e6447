/**
 * From a Service to something a port-forward can reach: a ready Pod and a container port. A Service port is
 * not a pod port: its `targetPort` (a number, a container port name, or absent meaning "same as port") is
 * what the pod listens on, and named ports are resolved per pod, as kube-proxy does.
 */
import type { CoreV1Api, V1Pod, V1Service, V1ServicePort } from '@kubernetes/client-node';
import { failed, success, type KubeResult } from './kubeFailure';
import { describeApiFailure } from './rbacErrors';

export interface ResolvedPod {
  readonly pod: string;
  readonly containerPort: number;
}

/** Which pods, and which port on them: either a Service port to follow or a container port as is. */
export interface PodTarget {
  readonly namespace: string;
  readonly labelSelector: string;
  readonly port: { readonly servicePort: V1ServicePort } | { readonly containerPort: number };
}

export function targetOfService(service: V1Service, servicePort: V1ServicePort): PodTarget | undefined {
  const selector = service.spec?.selector ?? {};
  // A Service without a selector fronts something outside the cluster's pods: nothing to port-forward to.
  if (Object.keys(selector).length === 0) return undefined;
  return { namespace: service.metadata?.namespace ?? 'default', labelSelector: selectorString(selector), port: { servicePort } };
}

export async function resolvePod(api: CoreV1Api, target: PodTarget, server: string): Promise<KubeResult<ResolvedPod>> {
  let pods: V1Pod[];
  try {
    pods = (await api.listNamespacedPod({ namespace: target.namespace, labelSelector: target.labelSelector })).items;
  } catch (error) {
    return { ok: false, failure: describeApiFailure(error, { verb: 'list', resource: 'pods', namespace: target.namespace }, server) };
  }
  const ready = pods.filter(isPodReady).sort(newestFirst);
  const pod = ready[0];
  if (!pod?.metadata?.name) {
    return failed('no-ready-pod', `no ready pod matches ${target.labelSelector} in namespace ${target.namespace} (${pods.length} not ready)`);
  }
  const port = containerPortOf(pod, target.port);
  if (port === undefined) {
    const wanted = 'containerPort' in target.port ? target.port.containerPort : target.port.servicePort.targetPort;
    return failed('not-found', `pod ${pod.metadata.name} in namespace ${target.namespace} has no container port ${String(wanted)}`);
  }
  return success({ pod: pod.metadata.name, containerPort: port });
}

function containerPortOf(pod: V1Pod, port: PodTarget['port']): number | undefined {
  if ('containerPort' in port) return port.containerPort;
  const targetPort = port.servicePort.targetPort ?? port.servicePort.port;
  if (typeof targetPort === 'number') return targetPort;
  if (/^\d+$/.test(targetPort)) return Number(targetPort);
  const containers = pod.spec?.containers ?? [];
  return containers.flatMap((container) => container.ports ?? []).find((p) => p.name === targetPort)?.containerPort;
}

/** Ready, and not on its way out: a terminating pod still reports Ready until its containers stop. */
export function isPodReady(pod: V1Pod): boolean {
  if (pod.metadata?.deletionTimestamp) return false;
  if (pod.status?.phase !== undefined && pod.status.phase !== 'Running') return false;
  return (pod.status?.conditions ?? []).some((condition) => condition.type === 'Ready' && condition.status === 'True');
}

function newestFirst(a: V1Pod, b: V1Pod): number {
  return timeOf(b) - timeOf(a);
}

function timeOf(pod: V1Pod): number {
  const created: unknown = pod.metadata?.creationTimestamp;
  return created instanceof Date ? created.getTime() : typeof created === 'string' ? Date.parse(created) || 0 : 0;
}

export function selectorString(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels).map(([key, value]) => `${key}=${value}`).join(',');
}
