import * as vscode from 'vscode';
import type { ActiveConnection } from './activeConnection';
import { clusterStatusView } from './clusterStatusText';
import { Command } from './contributions';

/**
 * The cluster connection in the status bar: context, backend, API and state (connecting, connected,
 * reconnecting with the attempt, failed with the reason in the tooltip). Hidden without a cluster connection;
 * a click opens the connection's menu. Updated from the connection's state events, never by polling.
 */
export function registerConnectionStatusBar(context: vscode.ExtensionContext, connection: ActiveConnection): void {
  const item = vscode.window.createStatusBarItem('traceLens.clusterConnection', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Trace Lens Cluster Connection';
  item.command = Command.ClusterConnectionMenu;
  const update = (): void => {
    const cluster = connection.cluster;
    if (cluster === undefined) {
      item.hide();
      return;
    }
    const view = clusterStatusView(cluster.state, cluster.target.context);
    item.text = view.text;
    item.tooltip = view.tooltip;
    // Screen readers get the sentence, not the icon names.
    item.accessibilityInformation = { label: view.tooltip.split('\n')[0] ?? view.text };
    item.backgroundColor = view.severity === 'normal' ? undefined : new vscode.ThemeColor(`statusBarItem.${view.severity}Background`);
    item.show();
  };
  context.subscriptions.push(item, connection.onDidChangeCluster(update));
  update();
}
