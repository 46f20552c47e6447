/**
 * The objects the fake Kubernetes API server serves: pods and services as plain records, turned into the
 * JSON shapes of the real v1 API. A pod's container ports map to local TCP ports where the "pod" listens.
 */

export interface FakeContainerPort {
  readonly name?: string;
  readonly containerPort: number;
}

export interface FakePod {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly FakeContainerPort[];
  /** Container port → the 127.0.0.1 port that plays the pod's listener; a container port not here refuses. */
  readonly listeners: Readonly<Record<number, number>>;
  readonly ready?: boolean;
  readonly terminating?: boolean;
  readonly createdAt?: Date;
}

export interface FakeServicePort {
  readonly name?: string;
  readonly port: number;
  readonly targetPort?: number | string;
}

export interface FakeService {
  readonly namespace: string;
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly selector?: Readonly<Record<string, string>>;
  readonly ports: readonly FakeServicePort[];
}

export class FakeCluster {
  readonly pods: FakePod[] = [];
  readonly services: FakeService[] = [];

  addPod(pod: FakePod): void {
    this.pods.push({ createdAt: new Date(Date.now() + this.pods.length), ...pod });
  }

  addService(service: FakeService): void {
    this.services.push(service);
  }

  removePod(namespace: string, name: string): boolean {
    const index = this.pods.findIndex((pod) => pod.namespace === namespace && pod.name === name);
    if (index >= 0) this.pods.splice(index, 1);
    return index >= 0;
  }

  findPod(namespace: string, name: string): FakePod | undefined {
    return this.pods.find((pod) => pod.namespace === namespace && pod.name === name);
  }

  podsMatching(namespace: string, selector: string): FakePod[] {
    return this.pods.filter((pod) => pod.namespace === namespace && matchesSelector(pod.labels, selector));
  }
}

/** Equality-based label selectors (`a=b,c==d,e!=f`), the subset client-node's callers send. */
export function matchesSelector(labels: Readonly<Record<string, string>>, selector: string): boolean {
  return selector.split(',').filter((term) => term.trim().length > 0).every((term) => {
    const negated = /^([^!=]+)!=(.*)$/.exec(term);
    if (negated) return labels[negated[1]!.trim()] !== negated[2]!.trim();
    const [key = '', value = ''] = term.split(/==?/);
    return labels[key.trim()] === value.trim();
  });
}

export function podJson(pod: FakePod): unknown {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name: pod.name, namespace: pod.namespace, labels: pod.labels, uid: `uid-${pod.name}`,
      creationTimestamp: (pod.createdAt ?? new Date(0)).toISOString(),
      ...(pod.terminating ? { deletionTimestamp: new Date().toISOString() } : {}),
    },
    spec: { containers: [{ name: 'main', image: 'example/trace-backend', ports: pod.ports.map((p) => ({ ...p, protocol: 'TCP' })) }] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: pod.ready === false ? 'False' : 'True' }] },
  };
}

export function serviceJson(service: FakeService): unknown {
  return {
    apiVersion: 'v1', kind: 'Service',
    metadata: { name: service.name, namespace: service.namespace, labels: service.labels ?? {}, uid: `uid-${service.name}` },
    spec: {
      selector: service.selector, type: 'ClusterIP', clusterIP: '10.0.0.1',
      ports: service.ports.map((p) => ({ protocol: 'TCP', ...p, targetPort: p.targetPort ?? p.port })),
    },
  };
}

export function listJson(kind: string, items: readonly unknown[]): unknown {
  return { apiVersion: 'v1', kind, metadata: { resourceVersion: '1' }, items };
}
