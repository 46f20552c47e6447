/**
 * `trace-lens forward`: connects to the cluster's trace backend, prints where it is reachable, stays up and
 * reports every reconnect until the signal aborts. With `json`, stdout carries one JSON object per line:
 * the first says where the backend is, the next ones are events (`reconnecting`, `connected`, `failed`).
 */
import type { BackendFamily } from './discoveryRules';
import { ForwardSession, type ForwardConnection, type ForwardState } from './forwardSession';
import type { KubeLogger } from './kubeLogger';

export interface ForwardCommandOptions {
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly namespace?: string;
  readonly service?: string;
  readonly port?: number;
  readonly labelSelector?: string;
  readonly basePath?: string;
  readonly backend?: BackendFamily;
  readonly json?: boolean;
  /**
   * Run kubeconfig exec credential plugins. A terminal user who runs the command trusts their own
   * kubeconfig as kubectl does, so the CLI may pass true; default false.
   */
  readonly allowExecCredentials?: boolean;
  /** For tests: faster backoff and health checks. */
  readonly backoff?: { readonly initialMs?: number; readonly maxMs?: number; readonly maxAttempts?: number };
  readonly healthCheckIntervalMs?: number;
}

/** Structurally the CLI's CliIo: each call writes the text as given, callers add newlines. */
export interface ForwardIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export const FORWARD_EXIT = { ok: 0, failed: 1 } as const;

/** Resolves with the exit code: 0 when stopped by `signal`, 1 when the connection failed or gave up. */
export async function runForward(options: ForwardCommandOptions, io: ForwardIo, signal: AbortSignal): Promise<number> {
  // Errors are not logged here: the command reports every failure itself, once.
  const logger: KubeLogger = { log: (level, message) => { if (level === 'info' || level === 'warn') io.stderr(`${level}: ${message}\n`); } };
  const session = new ForwardSession({
    kubeConfig: { path: options.kubeconfig, context: options.context, allowExecCredentials: options.allowExecCredentials ?? false },
    discovery: {
      namespace: options.namespace, service: options.service, port: options.port, labelSelector: options.labelSelector,
      basePath: options.basePath, backend: options.backend,
    },
    logger, backoff: options.backoff, healthCheckIntervalMs: options.healthCheckIntervalMs,
  });
  const connected = await session.connect();
  if (!connected.ok) {
    await session.disconnect();
    io.stderr(options.json ? `${JSON.stringify({ event: 'failed', kind: connected.failure.kind, reason: connected.failure.message })}\n` : `trace-lens forward: ${connected.failure.message}\n`);
    return FORWARD_EXIT.failed;
  }
  io.stdout(options.json ? `${JSON.stringify(summary(connected.value))}\n` : `${describeConnection(connected.value)}\n`);

  return new Promise<number>((resolve) => {
    const finish = (code: number): void => {
      stop();
      signal.removeEventListener('abort', onAbort);
      void session.disconnect().then(() => resolve(code));
    };
    const onAbort = (): void => finish(FORWARD_EXIT.ok);
    const stop = session.onStateChange((state) => {
      const line = eventLine(state, options.json === true);
      if (line !== undefined) io.stdout(`${line}\n`);
      if (state.state === 'failed') finish(FORWARD_EXIT.failed);
    });
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

function summary(connection: ForwardConnection): Record<string, string | undefined> {
  const { candidate, api } = connection;
  return {
    url: connection.url, backend: candidate.family, api: api.api, basePath: api.basePath, context: connection.context,
    namespace: candidate.namespace, service: candidate.service, pod: candidate.pod,
  };
}

function describeConnection(connection: ForwardConnection): string {
  const { candidate, api } = connection;
  const where = `${candidate.namespace}/${candidate.service ?? candidate.pod}`;
  return `Forwarding ${connection.url}${api.basePath} → ${where} (pod ${candidate.pod}, port ${candidate.containerPort}, ${api.api}) in context ${connection.context}. Press Ctrl+C to stop.`;
}

function eventLine(state: ForwardState, json: boolean): string | undefined {
  switch (state.state) {
    case 'reconnecting':
      return json ? JSON.stringify({ event: 'reconnecting', attempt: state.attempt, reason: state.reason }) : `reconnecting (attempt ${state.attempt}): ${state.reason}`;
    case 'connected':
      return json ? JSON.stringify({ event: 'connected', pod: state.connection.candidate.pod }) : `connected to pod ${state.connection.candidate.pod}`;
    case 'failed':
      return json ? JSON.stringify({ event: 'failed', kind: state.failure.kind, reason: state.failure.message }) : `failed: ${state.failure.message}`;
    default:
      return undefined;
  }
}
