import * as vscode from 'vscode';
import { traceWebUrl } from '../core/backendChoice';
import type { TraceBackend } from '../jaeger/backendTypes';
import { createBackend } from '../jaeger/probeBackend';
import type { DiscoveryOverrides } from '../kube/discovery';
import { ForwardSession, type ChooseCandidate, type ForwardConnection, type ForwardState } from '../kube/forwardSession';
import type { KubeResult } from '../kube/kubeFailure';
import type { ConnectionStatus } from '../protocol/searchMessages';
import type { BackendConnection, ConnectionResult } from './backendConnection';
import { forwardedUrl, targetName } from './clusterStatusText';
import { healingBackend } from '../kube/healingBackend';

/** Which cluster and what to look for there: fixed for the life of one ClusterConnection. */
export interface ClusterTarget {
  /** From `traceLens.cluster.kubeconfig`; undefined: `KUBECONFIG`, then `~/.kube/config`. */
  readonly kubeconfigPath?: string;
  readonly context: string;
  readonly overrides: DiscoveryOverrides;
  /** Run kubeconfig exec credential plugins: only in a trusted workspace. */
  readonly allowExecCredentials: boolean;
}

/**
 * A {@link BackendConnection} over a self-healing port-forward (ForwardSession): the features search the
 * forwarded URL as if it were a configured one. While the forward reconnects, requests wait for it (up to
 * the backend timeout) instead of failing; a request cut off by a pod replacement is retried once.
 */
export class ClusterConnection implements BackendConnection, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly stateChanged = new vscode.EventEmitter<ForwardState>();
  /** Every state change, reconnect attempts included (the status bar shows them). */
  readonly onDidChangeState = this.stateChanged.event;
  private readonly session: ForwardSession;
  private readonly stopListening: () => void;
  private backend: { readonly url: string; readonly value: TraceBackend } | undefined;
  private lastStatus: string;
  /** The last connected state's details: a reconnect keeps the same local URL, so the view need not change. */
  private lastConnection: ForwardConnection | undefined;

  constructor(readonly target: ClusterTarget, private readonly log: vscode.LogOutputChannel, private readonly timeoutMs: number) {
    this.session = new ForwardSession({
      kubeConfig: { path: target.kubeconfigPath, context: target.context, allowExecCredentials: target.allowExecCredentials },
      discovery: target.overrides,
      // ForwardSession redacts every line (tokens, keys, auth headers) before it reaches this sink.
      logger: { log: (level, message) => log[level](`[cluster ${target.context}] ${message}`) },
    });
    this.lastStatus = JSON.stringify(this.status());
    this.stopListening = this.session.onStateChange((state) => {
      if (state.state === 'connected') this.lastConnection = state.connection;
      this.stateChanged.fire(state);
      // The features care about usability, not about each reconnect attempt.
      const status = JSON.stringify(this.status());
      if (status !== this.lastStatus) {
        this.lastStatus = status;
        this.changed.fire();
      }
    });
  }

  get state(): ForwardState {
    return this.session.state;
  }

  /** Discovers, forwards and probes; `choose` picks when several backends are found. */
  connect(choose?: ChooseCandidate): Promise<KubeResult<ForwardConnection>> {
    return this.session.connect(choose);
  }

  async getBackend(): Promise<ConnectionResult> {
    const state = await this.usableState();
    if (state.state === 'failed') return { ok: false, reason: 'unreachable', message: `the cluster connection failed: ${state.failure.message}` };
    if (state.state !== 'connected') return { ok: false, reason: 'unreachable', message: `the cluster connection in context ${this.target.context} is ${state.state === 'reconnecting' ? 'still reconnecting' : 'closed'}: reconnect from the status bar.` };
    const url = forwardedUrl(state.connection);
    if (this.backend?.url !== url) {
      void this.backend?.value.close();
      const direct = createBackend({ baseUrl: url, timeoutMs: this.timeoutMs }, state.connection.api.api);
      this.backend = { url, value: healingBackend(direct, (ms) => this.session.whenUsable(ms), this.timeoutMs) };
    }
    return { ok: true, value: this.backend.value };
  }

  status(): ConnectionStatus {
    const state = this.session.state;
    const where = `cluster context ${this.target.context}`;
    const connected = state.state === 'connected' ? state.connection : state.state === 'reconnecting' ? this.lastConnection : undefined;
    if (connected !== undefined) return { configured: true, displayUrl: `${forwardedUrl(connected)} (${where}: ${targetName(connected.candidate)})` };
    switch (state.state) {
      case 'failed':
        // The view shows why when it next asks for the services (getBackend's failure).
        return { configured: true, displayUrl: `${where} (not connected)`, problem: state.failure.message };
      case 'disconnected':
        return { configured: true, displayUrl: `${where} (disconnected)`, problem: 'disconnected' };
      default:
        return { configured: true, displayUrl: `${where} (connecting…)` };
    }
  }

  /** The forwarded Jaeger UI (or Zipkin UI): the query service serves it on the same port. */
  async webUrlOfTrace(traceId: string): Promise<string | undefined> {
    const state = await this.usableState();
    return state.state === 'connected' ? traceWebUrl(forwardedUrl(state.connection), state.connection.api.api, traceId) : undefined;
  }

  async disconnect(): Promise<void> {
    this.log.info(`[cluster ${this.target.context}] disconnecting`);
    await this.session.disconnect();
    await this.backend?.value.close();
    this.backend = undefined;
  }

  dispose(): void {
    void this.disconnect().finally(() => {
      this.stopListening();
      this.changed.dispose();
      this.stateChanged.dispose();
    });
  }

  /** The state once a connect or reconnect in progress has settled, waiting at most the backend timeout. */
  private async usableState(): Promise<ForwardState> {
    if (!isSettling(this.session.state)) return this.session.state;
    let stop = (): void => undefined;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.timeoutMs);
      stop = this.session.onStateChange((state) => {
        if (!isSettling(state)) resolve();
      });
    });
    clearTimeout(timer);
    stop();
    return this.session.state;
  }
}

function isSettling(state: ForwardState): boolean {
  return state.state === 'connecting' || state.state === 'reconnecting' || state.state === 'idle';
}
