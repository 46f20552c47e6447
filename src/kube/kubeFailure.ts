/**
 * Expected failures of the cluster connection, as values: every one carries a message written for the user
 * (already free of secrets) and a kind the caller can branch on.
 */

export type KubeFailureKind =
  | 'no-kubeconfig'
  | 'invalid-kubeconfig'
  | 'context-not-found'
  | 'exec-credentials-refused'
  | 'unreachable'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'nothing-found'
  | 'no-ready-pod'
  | 'port-refused'
  | 'probe-failed'
  | 'cancelled';

export interface KubeFailure {
  readonly kind: KubeFailureKind;
  readonly message: string;
}

export type KubeResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: KubeFailure };

export function success<T>(value: T): KubeResult<T> {
  return { ok: true, value };
}

export function failed<T>(kind: KubeFailureKind, message: string): KubeResult<T> {
  return { ok: false, failure: { kind, message } };
}
