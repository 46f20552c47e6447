/**
 * Loads a kubeconfig and picks a context: an explicit path, else `KUBECONFIG` (a list of files, merged the
 * way kubectl merges them), else `~/.kube/config`. Refuses exec credential plugins unless allowed, because
 * running a command named by a kubeconfig in an untrusted workspace runs arbitrary code.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig, type User } from '@kubernetes/client-node';
import { failed, success, type KubeResult } from './kubeFailure';

export interface KubeConfigOptions {
  /** An explicit kubeconfig file; wins over `KUBECONFIG` and `~/.kube/config`. */
  readonly path?: string;
  /** A context name; default: the kubeconfig's current-context. */
  readonly context?: string;
  /** Allow `exec` credential plugins and `auth-provider` commands (the VS Code layer passes workspace trust). */
  readonly allowExecCredentials?: boolean;
  /** For tests: the environment and home folder to read instead of the process's. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly homeDir?: string;
}

export interface LoadedKubeConfig {
  readonly kubeConfig: KubeConfig;
  readonly contextName: string;
  /** The context's namespace, `default` when it names none. */
  readonly namespace: string;
  readonly server: string;
  /** The files read, in merge order. */
  readonly files: readonly string[];
  /** Credential values to redact from every log line and message. */
  readonly secrets: readonly string[];
}

export function loadKubeConfig(options: KubeConfigOptions = {}): KubeResult<LoadedKubeConfig> {
  const files = kubeConfigFiles(options);
  if (!files.ok) return files;
  const merged = readMerged(files.value);
  if (!merged.ok) return merged;
  const kubeConfig = merged.value;
  const contextName = options.context ?? kubeConfig.getCurrentContext();
  const context = contextName ? kubeConfig.getContextObject(contextName) : null;
  if (!context) {
    const names = kubeConfig.getContexts().map((c) => c.name).join(', ') || 'none';
    return options.context === undefined
      ? failed('context-not-found', `kubeconfig ${files.value.join(delimiter)} has no current-context (contexts: ${names})`)
      : failed('context-not-found', `context ${options.context} not in kubeconfig (contexts: ${names})`);
  }
  kubeConfig.setCurrentContext(context.name);
  const cluster = kubeConfig.getCluster(context.cluster);
  if (!cluster) return failed('invalid-kubeconfig', `context ${context.name} names cluster ${context.cluster}, which the kubeconfig does not define`);
  const user = kubeConfig.getUser(context.user);
  const plugin = user ? credentialCommand(user) : undefined;
  if (plugin !== undefined && options.allowExecCredentials !== true) {
    return failed('exec-credentials-refused', `context ${context.name} authenticates by running ${plugin}; `
      + 'exec credential plugins are refused here (trust the workspace to allow them)');
  }
  return success({
    kubeConfig, contextName: context.name, namespace: context.namespace ?? 'default', server: cluster.server,
    files: files.value, secrets: user ? userSecrets(user) : [],
  });
}

/** One context of a kubeconfig, as a picker shows it. */
export interface KubeContextSummary {
  readonly name: string;
  /** The context's namespace, `default` when it names none. */
  readonly namespace: string;
  /** The API server's URL, or `''` when the context names a cluster the file lacks. */
  readonly server: string;
  /** Whether connecting would run a credential command (refused unless allowed). */
  readonly runsCredentialCommand: boolean;
}

export interface KubeContextList {
  readonly files: readonly string[];
  /** The current-context, when the kubeconfig sets one. */
  readonly current?: string;
  readonly contexts: readonly KubeContextSummary[];
}

/** The contexts of the kubeconfig `options` name (path, `KUBECONFIG` or `~/.kube/config`), without connecting. */
export function listKubeContexts(options: Omit<KubeConfigOptions, 'context'> = {}): KubeResult<KubeContextList> {
  const files = kubeConfigFiles(options);
  if (!files.ok) return files;
  const merged = readMerged(files.value);
  if (!merged.ok) return merged;
  const kubeConfig = merged.value;
  const contexts = kubeConfig.getContexts().map((context) => {
    const user = kubeConfig.getUser(context.user);
    return {
      name: context.name, namespace: context.namespace ?? 'default', server: kubeConfig.getCluster(context.cluster)?.server ?? '',
      runsCredentialCommand: user !== null && credentialCommand(user) !== undefined,
    };
  });
  const current = kubeConfig.getCurrentContext();
  return success({ files: files.value, contexts, ...(current ? { current } : {}) });
}

function kubeConfigFiles(options: KubeConfigOptions): KubeResult<string[]> {
  if (options.path !== undefined) {
    return existsSync(options.path) ? success([options.path]) : failed('no-kubeconfig', `no kubeconfig found at ${options.path}`);
  }
  const env = options.env ?? process.env;
  const listed = (env.KUBECONFIG ?? '').split(delimiter).filter((file) => file.length > 0);
  if (listed.length > 0) {
    // kubectl skips missing files in KUBECONFIG and only fails when none exists.
    const present = listed.filter((file) => existsSync(file));
    return present.length > 0 ? success(present) : failed('no-kubeconfig', `no kubeconfig found at ${listed.join(', ')} (from KUBECONFIG)`);
  }
  const home = join(options.homeDir ?? homedir(), '.kube', 'config');
  return existsSync(home) ? success([home]) : failed('no-kubeconfig', `no kubeconfig found at ${home} (KUBECONFIG is not set)`);
}

/** Reads the files in merge order into one KubeConfig. */
function readMerged(files: readonly string[]): KubeResult<KubeConfig> {
  const kubeConfig = new KubeConfig();
  try {
    for (const [index, file] of files.entries()) {
      if (index === 0) {
        kubeConfig.loadFromFile(file);
      } else {
        const next = new KubeConfig();
        next.loadFromFile(file);
        mergeFirstWins(kubeConfig, next);
      }
    }
  } catch (error) {
    // Parse errors from js-yaml quote the offending line, which may hold a token: name the file only.
    return failed('invalid-kubeconfig', `cannot read kubeconfig ${files.join(delimiter)}: ${errorName(error)}`);
  }
  return success(kubeConfig);
}

/**
 * kubectl's merge rule: the first file to define a name wins, later duplicates are ignored (client-node's
 * mergeConfig throws on them instead), and the first current-context set wins.
 */
function mergeFirstWins(into: KubeConfig, next: KubeConfig): void {
  for (const cluster of next.getClusters()) if (!into.getCluster(cluster.name)) into.addCluster(cluster);
  for (const user of next.getUsers()) if (!into.getUser(user.name)) into.addUser(user);
  for (const context of next.getContexts()) if (!into.getContextObject(context.name)) into.addContext(context);
  if (!into.getCurrentContext() && next.getCurrentContext()) into.setCurrentContext(next.getCurrentContext());
}

/** The command a user entry would run to get credentials, or undefined when it runs none. */
function credentialCommand(user: User): string | undefined {
  const exec: unknown = user.exec;
  if (exec !== undefined && exec !== null) {
    const command = (exec as { command?: unknown }).command;
    return `the exec credential plugin \`${typeof command === 'string' ? command : '?'}\``;
  }
  const provider = user.authProvider as { config?: Record<string, unknown> } | undefined;
  const cmdPath = provider?.config?.['cmd-path'];
  return typeof cmdPath === 'string' ? `the auth-provider command \`${cmdPath}\`` : undefined;
}

function userSecrets(user: User): string[] {
  const provider = user.authProvider as { config?: Record<string, unknown> } | undefined;
  const providerValues = ['access-token', 'id-token', 'refresh-token', 'client-secret']
    .map((key) => provider?.config?.[key]).filter((value): value is string => typeof value === 'string');
  return [user.token, user.password, user.keyData, ...providerValues].filter((value): value is string => typeof value === 'string' && value.length > 0);
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'unreadable';
}
