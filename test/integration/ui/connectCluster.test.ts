// Connecting to a cluster's trace backend from the editor, in the browser workbench: an in-process fake
// Kubernetes API server (REST and the port-forward protocol) with a Kyma-style Jaeger behind it, a kubeconfig
// for it named by traceLens.cluster.kubeconfig in the demo workspace's settings (written before the
// workbench opens and restored afterwards). "Connect to Cluster…" from the palette, pick the context, read
// the status bar, then see the backend's services in the Traces view; finally disconnect.
// The tests in this file share one workbench and run in order.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Locator } from 'playwright-core';
import { FakeApiServer } from '../../fakes/kube/fakeApiServer';
import { FakeQueryBackend, SERVICES } from '../../fakes/kube/fakeQueryBackend';
import { tempDir, writeKubeconfig } from '../../fakes/kube/kubeconfigFile';
import { NOT_UNDER_RUNNER, Workbench, exactText, poll, tracesView, uiEnvironment, withFailureScreenshot } from './workbench';

const env = uiEnvironment();
const TOKEN = 'sha256~aW50ZWdyYXRpb24tdGVzdC10b2tlbi1uZXZlci1zaG93bg';

/** The status bar entry whose text contains `text`. */
function statusBarItem(workbench: Workbench, text: string): Locator {
  return workbench.page.locator('.statusbar-item', { hasText: text });
}

describe('connecting to a cluster', { skip: env ? false : NOT_UNDER_RUNNER }, () => {
  if (!env) return;
  const settingsDir = join(env.workspaceDir, '.vscode');
  const settingsFile = join(settingsDir, 'settings.json');
  const hadSettingsDir = existsSync(settingsDir);
  const originalSettings = existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : undefined;
  const kubeDir = tempDir('trace-lens-ui-kube-');
  let api: FakeApiServer | undefined;
  let jaeger: FakeQueryBackend | undefined;
  let workbench: Workbench | undefined;
  const uiTest = (name: string, body: () => Promise<void>) => test(name, withFailureScreenshot(env, name, () => workbench, body));

  before(async () => {
    api = await FakeApiServer.start({ token: TOKEN });
    // Kyma's layout: Jaeger (v2, so the v3 API answers) in kyma-system behind tracing-jaeger-query.
    jaeger = await FakeQueryBackend.start('jaeger-v2');
    api.cluster.addPod({ namespace: 'kyma-system', name: 'tracing-jaeger-0', labels: { app: 'jaeger' }, ports: [{ name: 'http-query', containerPort: 16686 }], listeners: { 16686: jaeger.port } });
    api.cluster.addService({ namespace: 'kyma-system', name: 'tracing-jaeger-query', selector: { app: 'jaeger' }, ports: [{ name: 'http-query', port: 16686 }] });
    const kubeconfig = writeKubeconfig(kubeDir, { server: api.url, token: TOKEN, contextName: 'kyma-dev', extraContexts: ['staging'] });
    mkdirSync(settingsDir, { recursive: true });
    const settings = originalSettings === undefined ? {} : (JSON.parse(originalSettings) as Record<string, unknown>);
    delete settings['traceLens.backend.url'];
    writeFileSync(settingsFile, `${JSON.stringify({ ...settings, 'traceLens.cluster.kubeconfig': kubeconfig }, null, 2)}\n`);
    workbench = await Workbench.open(env);
  });
  after(async () => {
    await workbench?.close();
    await jaeger?.close();
    await api?.close();
    rmSync(kubeDir, { recursive: true, force: true });
    if (originalSettings !== undefined) {
      mkdirSync(settingsDir, { recursive: true });
      writeFileSync(settingsFile, originalSettings);
    } else if (hadSettingsDir) rmSync(settingsFile, { force: true });
    else rmSync(settingsDir, { recursive: true, force: true });
  });

  uiTest('"Trace Lens: Connect to Cluster…" lists the contexts; picking one connects, and the status bar says so', async () => {
    assert.ok(workbench && api);
    await workbench.runCommand('Trace Lens: Connect to Cluster');
    const rows = workbench.page.locator('.quick-input-widget .monaco-list-row');
    const contextRow = (name: string) => rows.filter({ has: workbench!.page.locator('.label-name', { hasText: exactText(name) }) });
    await contextRow('staging').waitFor();
    // The current context comes first.
    assert.match(await rows.first().innerText(), /^kyma-dev\s*current · namespace default · http:\/\/127\.0\.0\.1:\d+$/);
    await contextRow('kyma-dev').click();

    const item = statusBarItem(workbench, 'kyma-system/tracing-jaeger-query');
    await item.waitFor();
    assert.match((await item.innerText()).trim(), /^kyma-dev: kyma-system\/tracing-jaeger-query · Jaeger API v3$/);
    const label = await item.evaluate((element) => element.getAttribute('aria-label') ?? element.querySelector('[aria-label]')?.getAttribute('aria-label') ?? '');
    assert.match(label, /^Trace Lens: connected to Jaeger API v3 at kyma-system\/tracing-jaeger-query \(pod tracing-jaeger-0\) in context kyma-dev\.$/);
    assert.ok(api.requests.some((request) => request.path.includes('/namespaces/kyma-system/pods/tracing-jaeger-0/portforward')), 'forwarded to the pod');
  });

  uiTest("the Traces view searches through the cluster connection: the backend's services fill the service picker", async () => {
    assert.ok(workbench && jaeger);
    const before = jaeger.requests;
    await workbench.runCommand('Trace Lens: Search Traces');
    const view = await tracesView(workbench);
    await view.locator('.tl-connection-url', { hasText: 'cluster context kyma-dev: kyma-system/tracing-jaeger-query' }).waitFor();
    const services = await poll(async () => {
      const options = await view.locator('#tl-service option').allInnerTexts();
      return options.includes('frontend') && options;
    }, 'the service list to be filled');
    assert.deepEqual(services.slice(1), [...SERVICES].sort());
    assert.ok(jaeger.requests > before, 'asked the Jaeger behind the tunnel');
  });

  uiTest('"Disconnect from Cluster" removes the status bar entry and the Traces view asks for a backend again', async () => {
    assert.ok(workbench);
    await workbench.runCommand('Trace Lens: Disconnect from Cluster');
    await statusBarItem(workbench, 'kyma-system/tracing-jaeger-query').waitFor({ state: 'detached' });
    const view = await tracesView(workbench);
    await poll(async () => !(await view.locator('.tl-connection-url', { hasText: 'cluster context' }).isVisible()), 'the view to drop the cluster connection');
  });
});
