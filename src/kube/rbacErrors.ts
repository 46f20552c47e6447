/**
 * Turns a failed Kubernetes API call into a typed failure that names what went wrong in the user's terms:
 * for 403, the exact RBAC verb and resource that is missing; for network errors, the server that could not
 * be reached. Never quotes a raw library message, which may carry request headers.
 */
import { ApiException } from '@kubernetes/client-node';
import type { KubeFailure } from './kubeFailure';

/** The API call that failed, as RBAC sees it. */
export interface ApiOperation {
  readonly verb: 'get' | 'list' | 'create';
  /** `pods`, `services`, `pods/portforward` … */
  readonly resource: string;
  readonly namespace: string;
  readonly name?: string;
}

/** What port-forwarding needs: client-go POSTs, a WebSocket upgrade is a GET; RBAC checks both verbs. */
export const PORT_FORWARD_PERMISSION = '`get` and `create` on `pods/portforward`';

export function describeApiFailure(error: unknown, operation: ApiOperation, server: string): KubeFailure {
  const status = httpStatusOf(error);
  const target = `${operation.resource}${operation.name ? ` ${operation.name}` : ''} in namespace ${operation.namespace}`;
  if (status === 403) {
    const permission = operation.resource === 'pods/portforward' ? PORT_FORWARD_PERMISSION : `\`${operation.verb}\` on \`${operation.resource}\``;
    return { kind: 'forbidden', message: `forbidden: your Kubernetes user needs ${permission} in namespace ${operation.namespace}` };
  }
  if (status === 401) return { kind: 'unauthorized', message: `the Kubernetes API server at ${server} rejected the credentials (401): log in again or refresh the token` };
  if (status === 404) return { kind: 'not-found', message: `not found: ${target}` };
  if (status !== undefined) return { kind: 'unreachable', message: `the Kubernetes API server at ${server} answered ${status} to ${operation.verb} ${target}` };
  return { kind: 'unreachable', message: `cannot reach the Kubernetes API server at ${server}: ${networkCode(error)}` };
}

/** The HTTP status from a REST error (ApiException) or a refused WebSocket upgrade ("Unexpected server response: 403"). */
export function httpStatusOf(error: unknown): number | undefined {
  if (error instanceof ApiException) return error.code;
  const message = messageOf(error);
  const upgrade = /Unexpected server response: (\d{3})/.exec(message);
  return upgrade?.[1] === undefined ? undefined : Number(upgrade[1]);
}

/** A short, secret-free reason for a network error: the errno code when there is one. */
export function networkCode(error: unknown): string {
  for (let current: unknown = error, depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0) current = errors[0];
    else current = (current as { cause?: unknown; error?: unknown }).cause ?? (current as { error?: unknown }).error;
  }
  // No errno: a client-side error such as a refused configuration; its message names no credential.
  const message = messageOf(error).slice(0, 200);
  return message.length > 0 ? message : 'connection failed';
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : '';
}
