/**
 * A self-healing connection to the cluster's trace backend: discovery, a local port-forward, an API probe,
 * then a watch on the pod. When the pod dies or is replaced, or the API server drops, it finds the pod again
 * and reconnects with backoff; the local URL never changes. States:
 *
 *   connecting → connected ⇄ reconnecting(attempt n) → failed(reason)
 *        └──────────────────────────────────────────→ failed(reason)        any → disconnected
 */
import { CoreV1Api } from '@kubernetes/client-node';
import type { BackendKind } from '../jaeger/backendTypes';
import { probeBackend } from '../jaeger/probeBackend';
import { discoverBackends, type BackendCandidate, type DiscoveryOverrides } from './discovery';
import { DISCOVERY_RULES } from './discoveryRules';
import { loadKubeConfig, type KubeConfigOptions, type LoadedKubeConfig } from './kubeConfig';
import type { KubeFailure, KubeResult } from './kubeFailure';
import { SILENT_LOGGER, redactSecrets, redactingLogger, type KubeLogger } from './kubeLogger';
import { requestThroughForward, type ForwardEndpoint, type ForwardRequestInit, type ForwardResponse } from './forwardRequest';
import { isPodReady, resolvePod } from './podResolution';
import { PortForwardServer, type TunnelTarget } from './portForwardServer';
import { describeApiFailure } from './rbacErrors';

export type ForwardState =
  | { readonly state: 'idle' }
  | { readonly state: 'connecting' }
  | { readonly state: 'connected'; readonly connection: ForwardConnection }
  | { readonly state: 'reconnecting'; readonly attempt: number; readonly reason: string }
  | { readonly state: 'failed'; readonly failure: KubeFailure }
  | { readonly state: 'disconnected' };

/** The API that answered through the forward, and the prefix it answered under. */
export interface ProbedApi {
  readonly api: BackendKind;
  /** `''` or a prefix such as `/jaeger`, after the forward's URL. */
  readonly basePath: string;
}

/**
 * Picks one of several backends found (the editor asks the user); undefined cancels the connect. Called
 * only when discovery found more than one; candidates come best first.
 */
export type ChooseCandidate = (candidates: readonly BackendCandidate[]) => Promise<BackendCandidate | undefined>;

/** What a connected forward points at; `pod` changes on reconnects. */
export interface ForwardConnection {
  readonly url: string;
  readonly context: string;
  readonly candidate: BackendCandidate;
  readonly api: ProbedApi;
}

export interface ForwardSessionOptions {
  readonly kubeConfig?: KubeConfigOptions;
  readonly discovery?: DiscoveryOverrides;
  readonly logger?: KubeLogger;
  /** Delay before reconnect attempt n is `min(initialMs · 2^(n-1), maxMs)`; defaults 250 ms, 5000 ms, 10 attempts. */
  readonly backoff?: { readonly initialMs?: number; readonly maxMs?: number; readonly maxAttempts?: number };
  /** How often the pod is checked while connected, in milliseconds; default 5000. Tunnel failures check at once. */
  readonly healthCheckIntervalMs?: number;
}

export class ForwardSession implements ForwardEndpoint {
  private current: ForwardState = { state: 'idle' };
  private readonly listeners = new Set<(state: ForwardState) => void>();
  private readonly logger: KubeLogger;
  private loaded: LoadedKubeConfig | undefined;
  private server: PortForwardServer | undefined;
  private target: TunnelTarget | undefined;
  private candidate: BackendCandidate | undefined;
  private healthTimer: NodeJS.Timeout | undefined;
  private healthCheck: Promise<void> | undefined;
  private backoffTimer: { timer: NodeJS.Timeout; wake: () => void } | undefined;
  /** The last connected state's details, reused (with the new pod) when a reconnect succeeds. */
  private lastConnection: ForwardConnection | undefined;

  constructor(private readonly options: ForwardSessionOptions = {}) {
    this.logger = redactingLogger(options.logger ?? SILENT_LOGGER, () => this.loaded?.secrets ?? []);
  }

  get state(): ForwardState {
    return this.current;
  }

  get url(): string {
    return this.server?.url ?? '';
  }

  /** Local connections open through the forward (for leak checks). */
  get openConnections(): number {
    return this.server?.openConnections ?? 0;
  }

  /** Subscribes to state changes; returns the unsubscribe function. */
  onStateChange(listener: (state: ForwardState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async connect(choose?: ChooseCandidate): Promise<KubeResult<ForwardConnection>> {
    this.setState({ state: 'connecting' });
    // Read on every connect: a refreshed token or a switched context is picked up.
    const loaded = loadKubeConfig(this.options.kubeConfig);
    if (!loaded.ok) return this.fail(loaded.failure);
    this.loaded = loaded.value;
    this.logger.log('info', `context ${loaded.value.contextName} at ${loaded.value.server}`);
    const found = await discoverBackends(loaded.value, this.options.discovery);
    if (!found.ok) return this.fail(found.failure);
    const ranked = [...found.value].sort((a, b) => ruleRank(a) - ruleRank(b));
    const candidate = choose !== undefined && ranked.length > 1 ? await choose(ranked) : ranked[0];
    if (!candidate) {
      return this.fail(ranked.length > 0 ? { kind: 'cancelled', message: 'no backend chosen' } : { kind: 'nothing-found', message: 'no trace backend found' });
    }
    for (const other of found.value) this.logger.log('debug', `candidate ${other.namespace}/${other.service ?? other.pod}: ${other.reason}`);
    this.logger.log('info', `chose ${candidate.reason}`);
    this.candidate = candidate;
    this.target = { namespace: candidate.namespace, pod: candidate.pod, containerPort: candidate.containerPort };
    this.server ??= await PortForwardServer.start({
      kubeConfig: loaded.value.kubeConfig, server: loaded.value.server, logger: this.logger,
      target: () => this.currentTarget(), onTunnelFailure: (failure, target) => this.onTunnelFailure(failure, target),
    });
    // Reach the pod through the tunnel first: only the forward can say why a tunnel failed (RBAC, a closed port).
    const reached = await this.request(`${candidate.basePath}/`);
    if (!reached.ok) return this.fail(reached.failure);
    const probed = await probeThrough(this.server.url, candidate.basePath);
    if (!probed.ok) return this.fail(probed.failure);
    const connection: ForwardConnection = { url: this.server.url, context: loaded.value.contextName, candidate, api: probed.value };
    this.setState({ state: 'connected', connection });
    this.startHealthChecks();
    return { ok: true, value: connection };
  }

  /** GET (or other) through the forward; idempotent requests are retried once after the forward heals. */
  request(path: string, init?: ForwardRequestInit): Promise<KubeResult<ForwardResponse>> {
    return requestThroughForward(this, path, init);
  }

  failureFor(clientPort: number | undefined): KubeFailure | undefined {
    return this.server?.failureFor(clientPort);
  }

  async whenUsable(timeoutMs: number): Promise<KubeResult<void>> {
    await this.healthCheck;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutMs); });
    const settled = await Promise.race([this.settled(), timedOut]);
    clearTimeout(timer);
    if (settled === 'timeout') return { ok: false, failure: { kind: 'unreachable', message: `the port-forward is still reconnecting after ${timeoutMs} ms` } };
    if (settled.state === 'failed') return { ok: false, failure: settled.failure };
    if (settled.state === 'disconnected' || settled.state === 'idle') return { ok: false, failure: { kind: 'cancelled', message: 'the port-forward was closed' } };
    return { ok: true, value: undefined };
  }

  async disconnect(): Promise<void> {
    this.setState({ state: 'disconnected' });
    this.stopHealthChecks();
    this.backoffTimer?.wake();
    await this.server?.close();
    this.server = undefined;
  }

  private async currentTarget(): Promise<KubeResult<TunnelTarget>> {
    const settled = await this.settled();
    if (settled.state === 'failed') return { ok: false, failure: settled.failure };
    if (!this.target || settled.state === 'disconnected') return { ok: false, failure: { kind: 'cancelled', message: 'the port-forward was closed' } };
    return { ok: true, value: this.target };
  }

  /** The state once no reconnect is in progress. */
  private settled(): Promise<ForwardState> {
    if (this.current.state !== 'reconnecting') return Promise.resolve(this.current);
    return new Promise((resolve) => {
      const stop = this.onStateChange((state) => {
        if (state.state === 'reconnecting') return;
        stop();
        resolve(state);
      });
    });
  }

  private onTunnelFailure(failure: KubeFailure, target: TunnelTarget | undefined): void {
    if (this.current.state !== 'connected' || target?.pod !== this.target?.pod) return;
    if (failure.kind === 'forbidden' || failure.kind === 'unauthorized') {
      this.fail(failure);
      return;
    }
    // Any other tunnel failure may mean the pod is gone: look now rather than at the next tick.
    this.checkHealth();
  }

  private startHealthChecks(): void {
    this.stopHealthChecks();
    this.healthTimer = setInterval(() => this.checkHealth(), this.options.healthCheckIntervalMs ?? 5000);
    this.healthTimer.unref();
  }

  private stopHealthChecks(): void {
    if (this.healthTimer) clearInterval(this.healthTimer);
    this.healthTimer = undefined;
  }

  private checkHealth(): void {
    if (this.healthCheck || this.current.state !== 'connected') return;
    this.healthCheck = this.podProblem().then((problem) => {
      this.healthCheck = undefined;
      if (problem !== undefined && this.current.state === 'connected') void this.reconnect(problem);
    });
  }

  /**
   * Why the current pod cannot be used, or undefined when it is fine. Lists by the target's selector rather
   * than reading the pod, so the only permission needed stays `list` on pods.
   */
  private async podProblem(): Promise<string | undefined> {
    const loaded = this.loaded;
    const target = this.target;
    const selector = this.candidate?.target.labelSelector;
    if (!loaded || !target || selector === undefined) return 'not connected';
    try {
      const pods = await loaded.kubeConfig.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: target.namespace, labelSelector: selector });
      const pod = pods.items.find((p) => p.metadata?.name === target.pod);
      if (!pod) return `pod ${target.namespace}/${target.pod} is gone`;
      return isPodReady(pod) ? undefined : `pod ${target.namespace}/${target.pod} is not ready`;
    } catch (error) {
      return describeApiFailure(error, { verb: 'list', resource: 'pods', namespace: target.namespace }, loaded.server).message;
    }
  }

  private async reconnect(reason: string): Promise<void> {
    this.stopHealthChecks();
    const backoff = this.options.backoff ?? {};
    const maxAttempts = backoff.maxAttempts ?? 10;
    let last: KubeFailure = { kind: 'unreachable', message: reason };
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      this.setState({ state: 'reconnecting', attempt, reason: attempt === 1 ? reason : last.message });
      this.logger.log('warn', `reconnecting (attempt ${attempt}): ${attempt === 1 ? reason : last.message}`);
      await this.sleep(Math.min((backoff.initialMs ?? 250) * 2 ** (attempt - 1), backoff.maxMs ?? 5000));
      if (this.current.state !== 'reconnecting' || !this.loaded || !this.candidate) return;
      const pod = await resolvePod(this.loaded.kubeConfig.makeApiClient(CoreV1Api), this.candidate.target, this.loaded.server);
      if (this.current.state !== 'reconnecting') return;
      if (pod.ok) {
        this.target = { namespace: this.candidate.namespace, ...pod.value };
        this.candidate = { ...this.candidate, ...pod.value };
        const previous = this.lastConnection;
        if (!previous) return;
        this.logger.log('info', `reconnected to pod ${this.candidate.namespace}/${pod.value.pod}`);
        this.setState({ state: 'connected', connection: { ...previous, candidate: this.candidate } });
        this.startHealthChecks();
        return;
      }
      last = pod.failure;
      if (pod.failure.kind === 'forbidden' || pod.failure.kind === 'unauthorized') break;
    }
    this.fail({ kind: last.kind, message: `gave up reconnecting: ${last.message}` });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.backoffTimer = undefined;
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.backoffTimer = { timer, wake };
    });
  }

  private fail<T>(unsafe: KubeFailure): KubeResult<T> {
    // Messages are built without credentials; this is the second line of defence for library text.
    const failure = { kind: unsafe.kind, message: redactSecrets(unsafe.message, this.loaded?.secrets ?? []) };
    this.stopHealthChecks();
    this.logger.log('error', failure.message);
    this.setState({ state: 'failed', failure });
    return { ok: false, failure };
  }

  private setState(state: ForwardState): void {
    if (this.current.state === 'disconnected' && state.state !== 'connecting') return;
    if (state.state === 'connected') this.lastConnection = state.connection;
    this.current = state;
    for (const listener of [...this.listeners]) listener(state);
  }
}

/**
 * Asks the forwarded port what it is, with the same probe as a direct URL (src/jaeger), so there is one list
 * of APIs and how to recognise them: at the candidate's base path first (which also tries `/jaeger` under
 * it), then at the root when the rule's prefix was wrong.
 */
async function probeThrough(url: string, basePath: string): Promise<KubeResult<ProbedApi>> {
  const bases = [...new Set([basePath, ''])];
  let last = '';
  for (const base of bases) {
    const probed = await probeBackend({ baseUrl: `${url}${base}` });
    if (probed.ok) return { ok: true, value: { api: probed.value.kind, basePath: `${base}${probed.value.basePath}` } };
    last = probed.message;
    if (probed.reason !== 'not-a-trace-backend' && probed.reason !== 'http-error') break;
  }
  return { ok: false, failure: { kind: 'probe-failed', message: `the forwarded port does not answer as Jaeger, Zipkin or Tempo: ${last}` } };
}

function ruleRank(candidate: BackendCandidate): number {
  const index = DISCOVERY_RULES.findIndex((rule) => rule.id === candidate.rule);
  return index < 0 ? -1 : index;
}
