// What the status bar says when connecting fails, from a real ForwardSession against the fake Kubernetes API
// server: the reason a person can act on (the missing RBAC permission, trusting the workspace), and never a
// credential, in the tooltip or in any log line.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ForwardSession, type ForwardState } from '../../../src/kube/forwardSession';
import { clusterStatusView } from '../../../src/vscode/clusterStatusText';
import { writeKubeconfig } from '../../fakes/kube/kubeconfigFile';
import { DEPLOYMENTS } from '../kube/deployments';
import { TOKEN, startHarness, type Harness } from '../kube/harness';

const KYMA = 'Kyma (kyma-system, app=jaeger, tracing-jaeger-query:16686)';

/** Connects once in `h`'s cluster and returns every state the status bar would have shown. */
async function connectOnce(h: Harness, options: { kubeconfig?: string; allowExecCredentials?: boolean; namespace?: string }): Promise<ForwardState[]> {
  const session = new ForwardSession({
    kubeConfig: { path: options.kubeconfig ?? h.kubeconfig, allowExecCredentials: options.allowExecCredentials ?? false },
    discovery: { namespace: options.namespace ?? 'kyma-system' },
    logger: h.logger,
  });
  const states: ForwardState[] = [];
  session.onStateChange((state) => states.push(state));
  await session.connect();
  await session.disconnect();
  return states;
}

async function withKyma(body: (h: Harness) => Promise<void>): Promise<void> {
  const h = await startHarness();
  try {
    await DEPLOYMENTS[KYMA]!(h);
    await body(h);
  } finally {
    await h.close();
  }
}

function failedView(states: readonly ForwardState[]) {
  const failed = states.find((state) => state.state === 'failed');
  assert.ok(failed, `a failed state among ${states.map((s) => s.state).join(', ')}`);
  return clusterStatusView(failed, 'kyma-dev');
}

describe('connection failures as the status bar shows them', () => {
  test('no permission to list services: the tooltip names the verb, the resource and the namespace', async () => withKyma(async (h) => {
    h.api.forbidden.push({ verb: 'list', resource: 'services', namespace: 'kyma-system' });
    const view = failedView(await connectOnce(h, {}));
    assert.equal(view.text, '$(error) kyma-dev: not connected');
    assert.match(view.tooltip, /your Kubernetes user needs `list` on `services` in namespace kyma-system/);
  }));

  test('no permission to port-forward: the tooltip names pods/portforward', async () => withKyma(async (h) => {
    h.api.forbidden.push({ verb: 'create', resource: 'pods/portforward', namespace: 'kyma-system' });
    const view = failedView(await connectOnce(h, {}));
    assert.match(view.tooltip, /needs `get` and `create` on `pods\/portforward` in namespace kyma-system/);
  }));

  test('an exec credential plugin in an untrusted workspace is refused without running it, and says what to do', async () => withKyma(async (h) => {
    const kubeconfig = writeKubeconfig(h.dir, { server: h.api.url, execCommand: '/bin/false-must-not-run' }, 'exec-config');
    const view = failedView(await connectOnce(h, { kubeconfig }));
    assert.match(view.tooltip, /authenticates by running the exec credential plugin `\/bin\/false-must-not-run`.*trust the workspace/);
    assert.equal(h.api.requests.length, 0, 'no request reached the API server');
  }));

  test('a rejected token: the tooltip says to log in again, and neither it nor any log line holds the token', async () => withKyma(async (h) => {
    const stale = 'sha256~c3RhbGUtdG9rZW4tdGhhdC1tdXN0LW5vdC1iZS1sb2dnZWQ';
    const kubeconfig = writeKubeconfig(h.dir, { server: h.api.url, token: stale }, 'stale-config');
    const view = failedView(await connectOnce(h, { kubeconfig }));
    assert.match(view.tooltip, /rejected the credentials \(401\): log in again or refresh the token/);
    for (const text of [view.tooltip, ...h.logs]) {
      assert.ok(!text.includes(stale) && !text.includes(TOKEN), `no token in: ${text}`);
    }
    assert.ok(h.logs.length > 0, 'the session did log');
  }));
});
