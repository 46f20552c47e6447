/**
 * Test rig for src/kube: an in-process fake Kubernetes API server (REST + the port-forward WebSocket
 * protocol), a kubeconfig pointing at it, trace-query servers playing the pods, and a logger that keeps
 * every line so tests can check what was said (and that no secret was).
 */
import { rmSync } from 'node:fs';
import type { KubeLogger } from '../../../src/kube/kubeLogger';
import { FakeApiServer } from '../../fakes/kube/fakeApiServer';
import type { FakeContainerPort, FakeServicePort } from '../../fakes/kube/fakeCluster';
import { FakeQueryBackend, type QueryFlavour } from '../../fakes/kube/fakeQueryBackend';
import { tempDir, writeKubeconfig } from '../../fakes/kube/kubeconfigFile';

export const TOKEN = 'sha256~Zm9vYmFyLXNlY3JldC10b2tlbi1kby1ub3QtbG9n';

export interface Harness {
  readonly api: FakeApiServer;
  readonly kubeconfig: string;
  readonly dir: string;
  readonly logs: string[];
  readonly logger: KubeLogger;
  readonly backends: FakeQueryBackend[];
  close(): Promise<void>;
}

export async function startHarness(namespace = 'default'): Promise<Harness> {
  const api = await FakeApiServer.start({ token: TOKEN });
  const dir = tempDir();
  const kubeconfig = writeKubeconfig(dir, { server: api.url, token: TOKEN, namespace, extraContexts: ['staging'] });
  const logs: string[] = [];
  const backends: FakeQueryBackend[] = [];
  return {
    api, kubeconfig, dir, logs, backends,
    logger: { log: (level, message) => logs.push(`${level}: ${message}`) },
    close: async () => {
      await api.close();
      await Promise.all(backends.map((b) => b.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface BackendPodSpec {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly FakeContainerPort[];
  /** The container port the query server answers on (the others refuse). */
  readonly servingPort: number;
  readonly flavour: QueryFlavour;
  readonly basePath?: string;
  readonly ready?: boolean;
}

/** Adds a pod whose `servingPort` is a live trace-query server of the given flavour. */
export async function addBackendPod(h: Harness, spec: BackendPodSpec): Promise<FakeQueryBackend> {
  const backend = await FakeQueryBackend.start(spec.flavour, spec.basePath);
  h.backends.push(backend);
  h.api.cluster.addPod({ ...spec, listeners: { [spec.servingPort]: backend.port } });
  return backend;
}

export function addService(h: Harness, namespace: string, name: string, selector: Record<string, string>, ports: FakeServicePort[], labels?: Record<string, string>): void {
  h.api.cluster.addService({ namespace, name, selector, ports, ...(labels ? { labels } : {}) });
}

/** Polls a condition until it holds or the deadline passes (no fixed sleeps). */
export async function waitFor(condition: () => boolean, what: string, deadlineMs = 5000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
