import * as vscode from 'vscode';
import type { ConnectionStatus } from '../protocol/searchMessages';
import type { BackendConnection, ConnectionResult } from './backendConnection';
import type { ClusterConnection } from './clusterConnection';

/** The context key menus use to offer "Disconnect from Cluster" only when there is a cluster connection. */
const CLUSTER_CONTEXT_KEY = 'traceLens.clusterConnection';

/**
 * The connection every feature uses (Search Traces, Open Trace, the Traces view): the cluster's, from
 * "Connect to Cluster…" until "Disconnect", else the direct one from the settings. A cluster connection that
 * failed stays the active one, so a search says why the cluster is unusable instead of quietly asking
 * another backend; disconnecting returns to the direct connection.
 */
export class ActiveConnection implements BackendConnection, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when what `getBackend` returns may have changed: switching connections, or either one changing. */
  readonly onDidChange = this.changed.event;
  private readonly clusterChanged = new vscode.EventEmitter<void>();
  /** Fires when the cluster connection is replaced or removed, or changes state (a reconnect attempt too). */
  readonly onDidChangeCluster = this.clusterChanged.event;
  private clusterConnection: ClusterConnection | undefined;
  private clusterSubscriptions: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly direct: BackendConnection) {
    this.disposables = [
      this.changed, this.clusterChanged,
      direct.onDidChange(() => {
        if (this.clusterConnection === undefined) this.changed.fire();
      }),
    ];
  }

  get cluster(): ClusterConnection | undefined {
    return this.clusterConnection;
  }

  /** Makes `cluster` the active connection, closing the previous cluster connection. */
  useCluster(cluster: ClusterConnection): void {
    this.dropCluster();
    this.clusterConnection = cluster;
    this.clusterSubscriptions = [
      cluster.onDidChange(() => this.changed.fire()),
      cluster.onDidChangeState(() => this.clusterChanged.fire()),
    ];
    void vscode.commands.executeCommand('setContext', CLUSTER_CONTEXT_KEY, true);
    this.clusterChanged.fire();
    this.changed.fire();
  }

  /** Closes the cluster connection; the features go back to the direct connection. */
  disconnectCluster(): void {
    if (this.clusterConnection === undefined) return;
    this.dropCluster();
    void vscode.commands.executeCommand('setContext', CLUSTER_CONTEXT_KEY, false);
    this.clusterChanged.fire();
    this.changed.fire();
  }

  getBackend(signal?: AbortSignal): Promise<ConnectionResult> {
    return this.current().getBackend(signal);
  }

  status(): ConnectionStatus {
    return this.current().status();
  }

  webUrlOfTrace(traceId: string, signal?: AbortSignal): Promise<string | undefined> {
    return this.current().webUrlOfTrace(traceId, signal);
  }

  dispose(): void {
    this.dropCluster();
    for (const disposable of this.disposables) disposable.dispose();
  }

  private current(): BackendConnection {
    return this.clusterConnection ?? this.direct;
  }

  private dropCluster(): void {
    for (const subscription of this.clusterSubscriptions.splice(0)) subscription.dispose();
    this.clusterConnection?.dispose();
    this.clusterConnection = undefined;
  }
}
