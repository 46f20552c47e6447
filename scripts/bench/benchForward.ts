/**
 * Port-forward benchmark, on loopback against the in-process fake Kubernetes API server (REST + the real
 * port-forward WebSocket protocol) with a Jaeger query server playing the pod:
 *
 *   tsc -p . && node out/scripts/bench/benchForward.js [--requests 300]
 *
 * Prints one JSON line (all times in milliseconds):
 *   {"bench":"forward","connectMs":…,"overheadP50Ms":…,"overheadP99Ms":…,"recoverMs":…,"requests":300}
 * connectMs: from connect() to the first response through the tunnel (kubeconfig, discovery, probe included).
 * overheadP50Ms / overheadP99Ms: added latency per request through the tunnel versus straight to the pod's
 * server (each request on a fresh connection both ways, so the tunnel's per-connection WebSocket is counted).
 * recoverMs: from the pod being replaced to the first successful request (default backoff).
 */
import { request } from 'node:http';
import { parseArgs } from 'node:util';
import { ForwardSession } from '../../src/kube/forwardSession';
import { FakeApiServer } from '../../test/fakes/kube/fakeApiServer';
import { FakeQueryBackend } from '../../test/fakes/kube/fakeQueryBackend';
import { tempDir, writeKubeconfig } from '../../test/fakes/kube/kubeconfigFile';

const TOKEN = 'bench-token-not-a-secret';
const NAMESPACE = 'kyma-system';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { requests: { type: 'string', default: '300' } } });
  const requests = Number(values.requests);
  const api = await FakeApiServer.start({ token: TOKEN });
  const backends: FakeQueryBackend[] = [];
  const addPod = async (name: string): Promise<FakeQueryBackend> => {
    const backend = await FakeQueryBackend.start('jaeger-v1');
    backends.push(backend);
    api.cluster.addPod({ namespace: NAMESPACE, name, labels: { app: 'jaeger' }, ports: [{ containerPort: 16686 }], listeners: { 16686: backend.port } });
    return backend;
  };
  const first = await addPod('jaeger-0');
  api.cluster.addService({ namespace: NAMESPACE, name: 'tracing-jaeger-query', selector: { app: 'jaeger' }, ports: [{ port: 16686 }] });
  const kubeconfig = writeKubeconfig(tempDir(), { server: api.url, token: TOKEN });
  const session = new ForwardSession({ kubeConfig: { path: kubeconfig } });

  try {
    const connectStart = performance.now();
    const connected = await session.connect();
    if (!connected.ok) throw new Error(connected.failure.message);
    const firstResponse = await session.request('/api/services');
    if (!firstResponse.ok) throw new Error(firstResponse.failure.message);
    const connectMs = performance.now() - connectStart;

    const direct: number[] = [];
    const tunnelled: number[] = [];
    for (let i = 0; i < requests; i++) {
      direct.push(await timeGet(`http://127.0.0.1:${first.port}/api/services`));
      tunnelled.push(await timeGet(`${session.url}/api/services`));
    }

    const recoverStart = performance.now();
    api.deletePod(NAMESPACE, 'jaeger-0');
    await addPod('jaeger-1');
    const recovered = await session.request('/api/services');
    if (!recovered.ok) throw new Error(recovered.failure.message);
    const recoverMs = performance.now() - recoverStart;

    console.log(JSON.stringify({
      bench: 'forward', connectMs: round(connectMs),
      overheadP50Ms: round(percentile(tunnelled, 0.5) - percentile(direct, 0.5)),
      overheadP99Ms: round(percentile(tunnelled, 0.99) - percentile(direct, 0.99)),
      recoverMs: round(recoverMs), requests,
    }));
  } finally {
    await session.disconnect();
    await api.close();
    await Promise.all(backends.map((b) => b.close()));
  }
}

function timeGet(url: string): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    request(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - start) : reject(new Error(`status ${res.statusCode}`))));
    }).on('error', reject).end();
  });
}

function percentile(samples: readonly number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
