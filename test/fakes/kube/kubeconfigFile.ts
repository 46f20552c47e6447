/** Writes a kubeconfig pointing at a fake API server, the way a user's file would look. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KubeconfigSpec {
  readonly server: string;
  readonly token?: string;
  readonly namespace?: string;
  readonly contextName?: string;
  /** An exec credential plugin command instead of a token. */
  readonly execCommand?: string;
  /** More contexts, pointing at the same cluster. */
  readonly extraContexts?: readonly string[];
}

export function tempDir(prefix = 'trace-lens-kube-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeKubeconfig(dir: string, spec: KubeconfigSpec, fileName = 'config'): string {
  const context = spec.contextName ?? 'fake';
  const user = spec.execCommand !== undefined
    ? `    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: ${spec.execCommand}\n      args: ["token"]\n      interactiveMode: Never\n`
    : `    token: ${spec.token ?? ''}\n`;
  const contexts = [context, ...(spec.extraContexts ?? [])].map((name) =>
    `- name: ${name}\n  context:\n    cluster: fake-cluster\n    user: fake-user\n${spec.namespace ? `    namespace: ${spec.namespace}\n` : ''}`).join('');
  const text = `apiVersion: v1\nkind: Config\ncurrent-context: ${context}\nclusters:\n- name: fake-cluster\n  cluster:\n    server: ${spec.server}\n`
    // client-node refuses plain http unless TLS verification is off; the fake server is plain http on loopback.
    + '    insecure-skip-tls-verify: true\n'
    + `contexts:\n${contexts}users:\n- name: fake-user\n  user:\n${user}`;
  const path = join(dir, fileName);
  writeFileSync(path, text);
  return path;
}
