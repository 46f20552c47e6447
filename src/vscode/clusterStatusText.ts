/**
 * What the status bar item and the pickers say about a cluster connection, as pure functions of the
 * ForwardSession's state. This file must not import `vscode`: it is unit-tested in plain Node.
 * `$(name)` is VS Code's codicon syntax; `~spin` animates it.
 */
import type { BackendKind } from '../jaeger/backendTypes';
import type { BackendCandidate } from '../kube/discovery';
import type { ForwardConnection, ForwardState } from '../kube/forwardSession';

export interface ClusterStatusView {
  readonly text: string;
  /** Plain text, several lines. */
  readonly tooltip: string;
  /** Drives the item's background: `error` and `warning` use the theme's status bar colours. */
  readonly severity: 'normal' | 'warning' | 'error';
}

const CLICK_HINT = 'Click to reconnect, switch backend, disconnect or show the log.';

/** The status bar item for `state`; `contextName` is the context being connected (known before the connection is). */
export function clusterStatusView(state: ForwardState, contextName: string): ClusterStatusView {
  switch (state.state) {
    case 'idle':
    case 'connecting':
      return { text: `$(sync~spin) ${contextName}: connecting…`, tooltip: `Trace Lens: finding the trace backend in context ${contextName} and forwarding to it…`, severity: 'normal' };
    case 'connected':
      return {
        text: `$(plug) ${contextName}: ${targetName(state.connection.candidate)} · ${apiLabel(state.connection.api.api)}`,
        tooltip: [`Trace Lens: connected to ${describeConnection(state.connection)}.`, `Forwarded to ${forwardedUrl(state.connection)}.`, CLICK_HINT].join('\n'),
        severity: 'normal',
      };
    case 'reconnecting':
      return {
        text: `$(sync~spin) ${contextName}: reconnecting (attempt ${state.attempt})…`,
        tooltip: [`Trace Lens: the connection in context ${contextName} was lost (${state.reason}); reconnecting, attempt ${state.attempt}.`, CLICK_HINT].join('\n'),
        severity: 'warning',
      };
    case 'failed':
      return {
        text: `$(error) ${contextName}: not connected`,
        tooltip: [`Trace Lens could not connect in context ${contextName}: ${state.failure.message}`, CLICK_HINT].join('\n'),
        severity: 'error',
      };
    case 'disconnected':
      return { text: `$(debug-disconnect) ${contextName}: disconnected`, tooltip: `Trace Lens: disconnected from context ${contextName}.\n${CLICK_HINT}`, severity: 'normal' };
  }
}

/** `kyma-system/tracing-jaeger-query` (the Service when there is one, else the pod). */
export function targetName(candidate: Pick<BackendCandidate, 'namespace' | 'service' | 'pod'>): string {
  return `${candidate.namespace}/${candidate.service ?? candidate.pod}`;
}

/** The backend kind and API version, as a person names them. */
export function apiLabel(api: BackendKind): string {
  switch (api) {
    case 'jaeger-v1':
      return 'Jaeger API v1';
    case 'jaeger-v3':
      return 'Jaeger API v3';
    case 'zipkin':
      return 'Zipkin API v2';
    case 'tempo':
      return 'Tempo API';
  }
}

/** `Jaeger API v3 at kyma-system/tracing-jaeger-query (pod jaeger-0) in context prod` */
export function describeConnection(connection: ForwardConnection): string {
  const { candidate } = connection;
  return `${apiLabel(connection.api.api)} at ${targetName(candidate)} (pod ${candidate.pod}) in context ${connection.context}`;
}

/** The local URL the backend answers at, base path included: `http://127.0.0.1:PORT/jaeger`. */
export function forwardedUrl(connection: ForwardConnection): string {
  return `${connection.url}${connection.api.basePath}`;
}

/** A quick-pick row for one of several backends found. */
export function candidatePickItem(candidate: BackendCandidate): { label: string; description: string; detail: string } {
  return { label: targetName(candidate), description: candidate.family, detail: candidate.reason };
}

/** What was found in a context last time, kept per context so the next connect goes straight there. */
export interface RememberedBackend {
  readonly namespace: string;
  readonly service?: string;
  readonly api: BackendKind;
  readonly basePath: string;
}

export function rememberedOf(connection: ForwardConnection): RememberedBackend {
  const { candidate, api } = connection;
  return { namespace: candidate.namespace, ...(candidate.service === undefined ? {} : { service: candidate.service }), api: api.api, basePath: api.basePath };
}

/** The candidate that is the backend remembered for this context, if it is still there. */
export function findRemembered(candidates: readonly BackendCandidate[], remembered: RememberedBackend | undefined): BackendCandidate | undefined {
  if (remembered?.service === undefined) return undefined;
  return candidates.find((c) => c.namespace === remembered.namespace && c.service === remembered.service);
}
