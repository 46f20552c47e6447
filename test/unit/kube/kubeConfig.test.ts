import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { loadKubeConfig } from '../../../src/kube/kubeConfig';
import { tempDir, writeKubeconfig } from '../../fakes/kube/kubeconfigFile';

const dir = tempDir();
after(() => rmSync(dir, { recursive: true, force: true }));
const SERVER = 'http://127.0.0.1:6443';
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.secret-service-account-token';

describe('loadKubeConfig', () => {
  test('an explicit path that does not exist says so', () => {
    const missing = join(dir, 'nope', 'config');
    const result = loadKubeConfig({ path: missing, env: {} });
    assert.deepEqual(result, { ok: false, failure: { kind: 'no-kubeconfig', message: `no kubeconfig found at ${missing}` } });
  });

  test('uses the current context, or the one asked for', () => {
    const path = writeKubeconfig(dir, { server: SERVER, token: TOKEN, namespace: 'team-a', extraContexts: ['staging'] }, 'two-contexts');
    const current = loadKubeConfig({ path });
    assert.ok(current.ok);
    assert.deepEqual([current.value.contextName, current.value.namespace, current.value.server], ['fake', 'team-a', SERVER]);
    const staging = loadKubeConfig({ path, context: 'staging' });
    assert.ok(staging.ok);
    assert.equal(staging.value.contextName, 'staging');
    assert.equal(staging.value.kubeConfig.getCurrentContext(), 'staging');
  });

  test('a context not in the kubeconfig lists the contexts there are', () => {
    const path = writeKubeconfig(dir, { server: SERVER, token: TOKEN, extraContexts: ['staging'] }, 'list-contexts');
    const result = loadKubeConfig({ path, context: 'prod' });
    assert.ok(!result.ok);
    assert.equal(result.failure.message, 'context prod not in kubeconfig (contexts: fake, staging)');
  });

  test('KUBECONFIG lists files to merge; missing ones are skipped as kubectl does', () => {
    const first = writeKubeconfig(dir, { server: SERVER, token: TOKEN, contextName: 'dev' }, 'first');
    const second = writeKubeconfig(dir, { server: 'http://127.0.0.1:7443', token: TOKEN, contextName: 'ops' }, 'second');
    const env = { KUBECONFIG: [join(dir, 'absent'), first, second].join(delimiter) };
    const result = loadKubeConfig({ env, context: 'ops' });
    assert.ok(result.ok, result.ok ? '' : result.failure.message);
    assert.deepEqual(result.value.files, [first, second]);
    assert.deepEqual(result.value.kubeConfig.getContexts().map((c) => c.name).sort(), ['dev', 'ops']);
    const currentFromFirst = loadKubeConfig({ env });
    assert.ok(currentFromFirst.ok);
    assert.equal(currentFromFirst.value.contextName, 'dev');
  });

  test('KUBECONFIG naming only missing files says which', () => {
    const result = loadKubeConfig({ env: { KUBECONFIG: join(dir, 'a') } });
    assert.ok(!result.ok);
    assert.equal(result.failure.message, `no kubeconfig found at ${join(dir, 'a')} (from KUBECONFIG)`);
  });

  test('falls back to ~/.kube/config, and names it when it is missing', () => {
    const home = join(dir, 'home');
    const missing = loadKubeConfig({ env: {}, homeDir: home });
    assert.ok(!missing.ok);
    assert.equal(missing.failure.message, `no kubeconfig found at ${join(home, '.kube', 'config')} (KUBECONFIG is not set)`);
    mkdirSync(join(home, '.kube'), { recursive: true });
    writeKubeconfig(join(home, '.kube'), { server: SERVER, token: TOKEN });
    const found = loadKubeConfig({ env: {}, homeDir: home });
    assert.ok(found.ok);
    assert.equal(found.value.contextName, 'fake');
  });

  test('refuses exec credential plugins unless allowed, without running them', () => {
    const path = writeKubeconfig(dir, { server: SERVER, execCommand: 'aws-iam-authenticator' }, 'exec');
    const refused = loadKubeConfig({ path });
    assert.ok(!refused.ok);
    assert.equal(refused.failure.kind, 'exec-credentials-refused');
    assert.match(refused.failure.message, /context fake authenticates by running the exec credential plugin `aws-iam-authenticator`/);
    assert.equal(loadKubeConfig({ path, allowExecCredentials: false }).ok, false);
    assert.equal(loadKubeConfig({ path, allowExecCredentials: true }).ok, true);
  });

  test('collects the credentials to redact, and never quotes them when the file is broken', () => {
    const path = writeKubeconfig(dir, { server: SERVER, token: TOKEN }, 'secrets');
    const result = loadKubeConfig({ path });
    assert.ok(result.ok);
    assert.deepEqual(result.value.secrets, [TOKEN]);
    const broken = join(dir, 'broken');
    writeFileSync(broken, `users:\n- name: x\n  user:\n    token: ${TOKEN}\n  : : [\n`);
    const failure = loadKubeConfig({ path: broken });
    assert.ok(!failure.ok);
    assert.equal(failure.failure.kind, 'invalid-kubeconfig');
    assert.ok(!failure.failure.message.includes(TOKEN));
  });
});
