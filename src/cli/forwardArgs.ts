/**
 * Flags of `trace-lens forward`: which kubeconfig and context, and the same overrides as the editor's
 * `traceLens.cluster.*` settings (checked by the same function, so both say the same about a typo).
 */
import { CLUSTER_BACKEND_CHOICES, clusterOverrides } from '../kube/clusterOverrides';
import type { DiscoveryOverrides } from '../kube/discovery';

/** `parseArgs` options only `forward` accepts (`--service` is shared with search: see BACKEND_FLAG_OPTIONS). */
export const FORWARD_FLAG_OPTIONS = {
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  namespace: { type: 'string' },
  port: { type: 'string' },
  'label-selector': { type: 'string' },
  'base-path': { type: 'string' },
  backend: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export interface ForwardFlagValues {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  port?: string;
  'label-selector'?: string;
  'base-path'?: string;
  backend?: string;
  json?: boolean;
}

export interface ForwardArgs {
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly overrides: DiscoveryOverrides;
  readonly json: boolean;
}

type UsageError = { readonly kind: 'usage-error'; readonly message: string };

/** The first forward-only flag set, for the error of another command. */
export function firstForwardFlag(values: ForwardFlagValues): string | undefined {
  return Object.keys(FORWARD_FLAG_OPTIONS).find((flag) => values[flag as keyof ForwardFlagValues] !== undefined);
}

/** `trace-lens forward [--kubeconfig PATH] [--context NAME] [--namespace NS] [--service S] [--port N] … [--json]`. */
export function parseForwardArgs(values: ForwardFlagValues & { service?: string }, positionals: readonly string[], otherFlag: string | undefined): ({ readonly kind: 'forward' } & ForwardArgs) | UsageError {
  if (positionals.length > 0) return usageError(`forward: unexpected argument "${positionals[0]}"`);
  if (otherFlag !== undefined) return usageError(`forward: --${otherFlag} does not apply to forward`);
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65_535)) return usageError(`forward: --port must be a TCP port from 1 to 65535, not "${values.port}"`);
  if (values.backend !== undefined && !(CLUSTER_BACKEND_CHOICES as readonly string[]).includes(values.backend)) {
    return usageError(`forward: --backend must be one of ${CLUSTER_BACKEND_CHOICES.join(', ')}, not "${values.backend}"`);
  }
  const checked = clusterOverrides({
    namespace: values.namespace, service: values.service, labelSelector: values['label-selector'], port, basePath: values['base-path'], backend: values.backend,
  }, '--');
  if (checked.problems.length > 0) return usageError(`forward: ${checked.problems[0]!.replace(/, so it is ignored\.$/, '')}`);
  const empty = (text: string | undefined): string | undefined => (text === undefined || text.trim() === '' ? undefined : text.trim());
  const kubeconfig = empty(values.kubeconfig);
  const context = empty(values.context);
  return {
    kind: 'forward', overrides: checked.overrides, json: values.json === true,
    ...(kubeconfig === undefined ? {} : { kubeconfig }), ...(context === undefined ? {} : { context }),
  };
}

function usageError(message: string): UsageError {
  return { kind: 'usage-error', message };
}
