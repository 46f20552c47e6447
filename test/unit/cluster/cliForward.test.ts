// `trace-lens forward` end to end against the in-process fake Kubernetes API server (REST and the
// port-forward protocol): in-process through runCli, and as the built executable stopped by SIGINT.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { describe, test } from 'node:test';
import { runCli } from '../../../src/cli/runCli';
import { writeKubeconfig } from '../../fakes/kube/kubeconfigFile';
import { DEPLOYMENTS } from '../kube/deployments';
import { TOKEN, addBackendPod, startHarness, waitFor, type Harness } from '../kube/harness';

const KYMA = 'Kyma (kyma-system, app=jaeger, tracing-jaeger-query:16686)';

async function withKyma(body: (h: Harness, pod: string) => Promise<void>): Promise<void> {
  const h = await startHarness();
  try {
    const expected = await DEPLOYMENTS[KYMA]!(h);
    await body(h, expected.pod);
  } finally {
    await h.close();
  }
}

describe('trace-lens forward', () => {
  test('--json prints where the backend is, one JSON line per reconnect, and exits 0 when stopped', async () => withKyma(async (h, pod) => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const stop = new AbortController();
    const running = runCli(['forward', '--kubeconfig', h.kubeconfig, '--context', 'fake', '--namespace', 'kyma-system', '--json'],
      { stdout: (t) => stdout.push(t), stderr: (t) => stderr.push(t) }, {}, stop.signal);
    await waitFor(() => stdout.length > 0, 'the first line');
    const first = JSON.parse(stdout[0]!) as Record<string, string>;
    assert.match(first.url ?? '', /^http:\/\/127\.0\.0\.1:\d+$/, 'loopback only');
    assert.deepEqual({ ...first, url: 'URL' }, {
      url: 'URL', backend: 'jaeger', api: 'jaeger-v1', basePath: '', context: 'fake', namespace: 'kyma-system', service: 'tracing-jaeger-query', pod,
    });
    // What a script does next: search the forwarded URL.
    const services = await fetch(`${first.url}/api/services`, { headers: { connection: 'close' } });
    assert.deepEqual(((await services.json()) as { data: string[] }).data, ['frontend', 'checkout']);

    h.api.deletePod('kyma-system', pod);
    await addBackendPod(h, { namespace: 'kyma-system', name: 'tracing-jaeger-replacement', labels: { app: 'jaeger' }, ports: [{ containerPort: 16686 }], servingPort: 16686, flavour: 'jaeger-v1' });
    await fetch(`${first.url}/api/services`, { headers: { connection: 'close' } }).catch(() => undefined);
    await waitFor(() => stdout.some((line) => line.includes('"event":"connected"')), 'the reconnect');
    assert.deepEqual(stdout.slice(1).map((line) => (JSON.parse(line) as { event: string }).event), ['reconnecting', 'connected']);
    assert.equal((JSON.parse(stdout[2]!) as { pod: string }).pod, 'tracing-jaeger-replacement');

    stop.abort();
    assert.equal(await running, 0);
    assert.ok(![...stdout, ...stderr].some((line) => line.includes(TOKEN)), 'the token never appears');
  }));

  test('--service and --port forward to a named Service without discovery', async () => withKyma(async (h) => {
    const stdout: string[] = [];
    const stop = new AbortController();
    const running = runCli(['forward', '--kubeconfig', h.kubeconfig, '--namespace', 'kyma-system', '--service', 'tracing-jaeger-query', '--port', '16686', '--json'],
      { stdout: (t) => stdout.push(t), stderr: () => undefined }, {}, stop.signal);
    await waitFor(() => stdout.length > 0, 'the first line');
    assert.equal((JSON.parse(stdout[0]!) as { service: string }).service, 'tracing-jaeger-query');
    stop.abort();
    assert.equal(await running, 0);
  }));

  test('a rejected token: exit 3, the reason on stderr, and the token nowhere', async () => withKyma(async (h) => {
    const wrongToken = 'sha256~d3JvbmctdG9rZW4tdGhhdC1tdXN0LW5vdC1sZWFr';
    const kubeconfig = writeKubeconfig(h.dir, { server: h.api.url, token: wrongToken }, 'wrong-token');
    let stdout = '';
    let stderr = '';
    const code = await runCli(['forward', '--kubeconfig', kubeconfig, '--json'], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, {}, new AbortController().signal);
    assert.equal(code, 3);
    assert.equal(stdout, '');
    const failure = JSON.parse(stderr.trim().split('\n').at(-1)!) as { event: string; kind: string; reason: string };
    assert.equal(failure.event, 'failed');
    assert.equal(failure.kind, 'unauthorized');
    assert.match(failure.reason, /rejected the credentials \(401\)/);
    assert.ok(!stderr.includes(wrongToken) && !stderr.includes(TOKEN));
  }));

  test('nothing to forward to: exit 3 and where it looked', async () => {
    const h = await startHarness();
    try {
      let stderr = '';
      const code = await runCli(['forward', '--kubeconfig', h.kubeconfig, '--namespace', 'kyma-system'], { stdout: () => assert.fail('nothing on stdout'), stderr: (t) => (stderr += t) }, {}, new AbortController().signal);
      assert.equal(code, 3);
      assert.match(stderr, /trace-lens forward: no trace backend found in context fake: searched namespaces kyma-system/);
    } finally {
      await h.close();
    }
  });

  for (const [argv, message] of [
    [['forward', 'extra'], 'forward: unexpected argument "extra"'],
    [['forward', '--port', '0'], 'forward: --port must be a TCP port from 1 to 65535, not "0"'],
    [['forward', '--backend', 'elastic'], 'forward: --backend must be one of auto, jaeger, tempo, zipkin, not "elastic"'],
    [['forward', '--namespace', 'Kyma_System'], 'forward: --namespace "Kyma_System" is not a Kubernetes name (lowercase letters, digits and "-")'],
    [['forward', '--url', 'http://x'], 'forward: --url does not apply to forward'],
    [['search', '--url', 'http://x', '--service', 'a', '--kubeconfig', 'k'], 'search: --kubeconfig belongs to forward'],
  ] as const) {
    test(`usage error: trace-lens ${argv.join(' ')}`, async () => {
      let stderr = '';
      const code = await runCli(argv, { stdout: () => assert.fail('nothing on stdout'), stderr: (t) => (stderr += t) }, {});
      assert.equal(code, 2);
      assert.equal(stderr.split('\n')[0], `trace-lens: ${message}`);
    });
  }

  // tsc's output of src/cli/main.ts: the same code esbuild bundles into dist/cli.js.
  const main = 'out/src/cli/main.js';
  test('the executable stays up until SIGINT, then closes the forward and exits 0', { skip: existsSync(main) ? false : `${main} not built` }, async () => withKyma(async (h) => {
    const child = spawn(process.execPath, [main, 'forward', '--kubeconfig', h.kubeconfig, '--namespace', 'kyma-system', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const first = await lines.next();
    const { url } = JSON.parse(String(first.value)) as { url: string };
    const services = await fetch(`${url}/api/services`, { headers: { connection: 'close' } });
    assert.equal(services.status, 200);
    await waitFor(() => h.api.openTunnels === 0, 'the tunnel of that request to close');
    child.kill('SIGINT');
    assert.equal(await exited, 0);
    await assert.rejects(fetch(`${url}/api/services`), 'the local port is closed');
    assert.ok(!stderr.includes(TOKEN));
  }));
});
