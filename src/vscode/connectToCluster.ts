import * as vscode from 'vscode';
import type { BackendCandidate } from '../kube/discovery';
import { clusterOverrides } from '../kube/clusterOverrides';
import { listKubeContexts, type KubeContextSummary } from '../kube/kubeConfig';
import type { ActiveConnection } from './activeConnection';
import { ClusterConnection, type ClusterTarget } from './clusterConnection';
import { apiLabel, candidatePickItem, describeConnection, findRemembered, rememberedOf, targetName, type RememberedBackend } from './clusterStatusText';
import { registerCommand } from './commands';
import { readConfig } from './config';
import { Command, Setting } from './contributions';
import { readTrustedSetting, resolveSettingPath } from './trustedSettings';

/** What the cluster commands need; built once in extension.ts. */
export interface ClusterServices {
  readonly connection: ActiveConnection;
  readonly log: vscode.LogOutputChannel;
  /** Where the backend found in each context is remembered (the workspace's state: clusters are per project). */
  readonly memory: vscode.Memento;
}

const SHOW_LOG = 'Show Log';
const OPEN_SETTINGS = 'Cluster Settings';
const MANAGE_TRUST = 'Manage Workspace Trust';

/**
 * "Trace Lens: Connect to Cluster…": pick a kube context, find the trace backends there, forward to the one
 * found (or the one picked when there are several, or the one used last time in that context). Also the
 * status bar item's menu and "Disconnect from Cluster".
 */
export function registerConnectToCluster(context: vscode.ExtensionContext, services: ClusterServices): void {
  registerCommand(context, Command.ConnectToCluster, (contextName) => connectToCluster(services, typeof contextName === 'string' ? contextName : undefined));
  registerCommand(context, Command.DisconnectFromCluster, () => services.connection.disconnectCluster());
  registerCommand(context, Command.ClusterConnectionMenu, () => showClusterMenu(services));
}

async function connectToCluster(services: ClusterServices, contextName: string | undefined): Promise<void> {
  const kubeconfig = readTrustedSetting(Setting.ClusterKubeconfig);
  if (kubeconfig.ignoredUntrusted) {
    services.log.warn(`Ignoring ${Setting.ClusterKubeconfig} from this workspace's settings: the workspace is not trusted.`);
  }
  const kubeconfigPath = resolveSettingPath(kubeconfig.value);
  const listed = listKubeContexts(kubeconfigPath === undefined ? {} : { path: kubeconfigPath });
  if (!listed.ok) {
    await showFailure(`Trace Lens cannot read the kubeconfig: ${listed.failure.message}`, services);
    return;
  }
  const chosen = contextName ?? (await pickContext(listed.value.contexts, listed.value.current, services.memory));
  if (chosen === undefined) return;
  await connectContext(services, chosen, kubeconfigPath, false);
}

/** Connects in `contextName` with the current settings; `askForBackend` offers every backend found, even the remembered one. */
async function connectContext(services: ClusterServices, contextName: string, kubeconfigPath: string | undefined, askForBackend: boolean): Promise<void> {
  const settings = clusterOverrides({
    namespace: readConfig(Setting.ClusterNamespace), labelSelector: readConfig(Setting.ClusterLabelSelector), service: readConfig(Setting.ClusterService),
    port: readConfig(Setting.ClusterPort), basePath: readConfig(Setting.ClusterBasePath), backend: readConfig(Setting.ClusterBackend),
  });
  for (const problem of settings.problems) {
    services.log.warn(problem);
    void vscode.window.showWarningMessage(`Trace Lens: ${problem}`);
  }
  const target: ClusterTarget = {
    ...(kubeconfigPath === undefined ? {} : { kubeconfigPath }), context: contextName, overrides: settings.overrides,
    // Running a command named in a kubeconfig is running code: only where the user trusts the workspace.
    allowExecCredentials: vscode.workspace.isTrusted,
  };
  const cluster = new ClusterConnection(target, services.log, Math.max(1, readConfig(Setting.BackendTimeoutSeconds)) * 1000);
  services.connection.useCluster(cluster);
  const remembered = services.memory.get<RememberedBackend>(memoryKey(contextName));
  let asked = false;
  const result = await cluster.connect(async (candidates) => {
    const known = askForBackend ? undefined : findRemembered(candidates, remembered);
    if (known !== undefined) return known;
    asked = true;
    return pickBackend(candidates, contextName, remembered);
  });
  // Replaced meanwhile (another connect, a disconnect): that one reports for itself.
  if (services.connection.cluster !== cluster) return;
  if (result.ok) {
    await services.memory.update(memoryKey(contextName), rememberedOf(result.value));
    services.log.info(`Connected to ${describeConnection(result.value)}.`);
    if (askForBackend && !asked) void vscode.window.showInformationMessage(`Trace Lens: ${targetName(result.value.candidate)} is the only trace backend found in context ${contextName}.`);
    return;
  }
  if (result.failure.kind === 'cancelled') {
    services.connection.disconnectCluster();
    return;
  }
  await showFailure(`Trace Lens could not connect in context ${contextName}: ${result.failure.message}`, services, result.failure.kind === 'exec-credentials-refused');
}

interface ContextItem extends vscode.QuickPickItem {
  readonly contextName: string;
}

async function pickContext(contexts: readonly KubeContextSummary[], current: string | undefined, memory: vscode.Memento): Promise<string | undefined> {
  const trusted = vscode.workspace.isTrusted;
  const items: ContextItem[] = [...contexts]
    .sort((a, b) => Number(b.name === current) - Number(a.name === current))
    .map((context) => {
      const remembered = memory.get<RememberedBackend>(memoryKey(context.name));
      return {
        label: context.name,
        contextName: context.name,
        description: [context.name === current ? 'current' : undefined, `namespace ${context.namespace}`, context.server].filter(Boolean).join(' · '),
        ...(context.runsCredentialCommand && !trusted
          ? { detail: '$(shield) Runs a credential command: trust the workspace to use it' }
          : remembered === undefined ? {} : { detail: `Last used: ${apiLabel(remembered.api)} at ${remembered.namespace}/${remembered.service ?? '?'}` }),
      };
    });
  const item = await vscode.window.showQuickPick(items, { title: 'Connect to Cluster', placeHolder: 'Pick the kube context whose trace backend to use', matchOnDescription: true });
  return item?.contextName;
}

async function pickBackend(candidates: readonly BackendCandidate[], contextName: string, remembered: RememberedBackend | undefined): Promise<BackendCandidate | undefined> {
  const last = findRemembered(candidates, remembered);
  const items = candidates.map((candidate) => ({ ...candidatePickItem(candidate), candidate, ...(candidate === last ? { picked: true, description: `${candidate.family} · last used` } : {}) }));
  const item = await vscode.window.showQuickPick(items, { title: `Trace backends in ${contextName}`, placeHolder: 'Several trace backends were found: pick one' });
  return item?.candidate;
}

/** The status bar item's menu. */
async function showClusterMenu(services: ClusterServices): Promise<void> {
  const cluster = services.connection.cluster;
  if (cluster === undefined) return connectToCluster(services, undefined);
  const { context: contextName, kubeconfigPath } = cluster.target;
  const actions: (vscode.QuickPickItem & { run: () => unknown })[] = [
    { label: '$(refresh) Reconnect', detail: `Find the backend in ${contextName} again and forward to it`, run: () => connectContext(services, contextName, kubeconfigPath, false) },
    { label: '$(arrow-swap) Switch Backend…', detail: 'Pick another trace backend in this context', run: () => connectContext(services, contextName, kubeconfigPath, true) },
    { label: '$(server-environment) Switch Context…', run: () => connectToCluster(services, undefined) },
    { label: '$(debug-disconnect) Disconnect', detail: 'Stop forwarding; searches use the backend URL from the settings again', run: () => services.connection.disconnectCluster() },
    { label: '$(output) Show Log', run: () => services.log.show() },
  ];
  const picked = await vscode.window.showQuickPick(actions, { title: `Trace Lens: cluster ${contextName}` });
  await picked?.run();
}

async function showFailure(message: string, services: ClusterServices, offerTrust = false): Promise<void> {
  const action = await vscode.window.showErrorMessage(message, ...(offerTrust ? [MANAGE_TRUST] : []), SHOW_LOG, OPEN_SETTINGS);
  if (action === SHOW_LOG) services.log.show();
  if (action === OPEN_SETTINGS) await vscode.commands.executeCommand('workbench.action.openSettings', 'traceLens.cluster');
  if (action === MANAGE_TRUST) await vscode.commands.executeCommand('workbench.trust.manage');
}

function memoryKey(contextName: string): string {
  return `traceLens.cluster.lastBackend/${contextName}`;
}
