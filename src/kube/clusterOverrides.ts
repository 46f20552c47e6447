/**
 * The `traceLens.cluster.*` settings as discovery overrides. Settings arrive as the user typed them (empty
 * strings, a port of 0, a base path without its slash); this turns them into `DiscoveryOverrides` and says
 * what was wrong with any it had to drop, so a typo is reported instead of silently searching everywhere.
 */
import type { DiscoveryOverrides } from './discovery';
import type { BackendFamily } from './discoveryRules';

export const CLUSTER_BACKEND_CHOICES = ['auto', 'jaeger', 'tempo', 'zipkin'] as const;
export type ClusterBackendChoice = (typeof CLUSTER_BACKEND_CHOICES)[number];

/** The raw values of `traceLens.cluster.{namespace,labelSelector,service,port,basePath,backend}`. */
export interface ClusterSettingValues {
  readonly namespace?: unknown;
  readonly labelSelector?: unknown;
  readonly service?: unknown;
  /** 0 or absent: find the port. */
  readonly port?: unknown;
  readonly basePath?: unknown;
  readonly backend?: unknown;
}

export interface ClusterOverrides {
  readonly overrides: DiscoveryOverrides;
  /** One sentence per setting that was ignored, naming the setting. */
  readonly problems: readonly string[];
}

/** Kubernetes names (namespaces, services): RFC 1123 labels. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function clusterOverrides(values: ClusterSettingValues, settingPrefix = 'traceLens.cluster.'): ClusterOverrides {
  const problems: string[] = [];
  const overrides: { -readonly [K in keyof DiscoveryOverrides]: DiscoveryOverrides[K] } = {};
  const name = (key: 'namespace' | 'service'): string | undefined => {
    const text = trimmed(values[key]);
    if (text === undefined) return undefined;
    if (text.length <= 63 && DNS_LABEL.test(text)) return text;
    problems.push(`${settingPrefix}${key} "${text}" is not a Kubernetes name (lowercase letters, digits and "-"), so it is ignored.`);
    return undefined;
  };
  const namespace = name('namespace');
  if (namespace !== undefined) overrides.namespace = namespace;
  const service = name('service');
  if (service !== undefined) overrides.service = service;
  const labelSelector = trimmed(values.labelSelector);
  if (labelSelector !== undefined) overrides.labelSelector = labelSelector;
  const port = values.port;
  if (typeof port === 'number' && port !== 0) {
    if (Number.isInteger(port) && port > 0 && port <= 65_535) overrides.port = port;
    else problems.push(`${settingPrefix}port ${port} is not a TCP port (1 to 65535; 0 finds it), so it is ignored.`);
  }
  const basePath = trimmed(values.basePath);
  if (basePath !== undefined) overrides.basePath = normalizeBasePath(basePath);
  const backend = values.backend;
  if (backend !== undefined && backend !== 'auto') {
    if (isFamily(backend)) overrides.backend = backend;
    else problems.push(`${settingPrefix}backend "${String(backend)}" is not one of ${CLUSTER_BACKEND_CHOICES.join(', ')}, so it is ignored.`);
  }
  return { overrides, problems };
}

/** `jaeger/` → `/jaeger`; `/` → `` (the root). */
export function normalizeBasePath(path: string): string {
  const inner = path.trim().replace(/^\/+|\/+$/g, '');
  return inner === '' ? '' : `/${inner}`;
}

function trimmed(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text === '' ? undefined : text;
}

function isFamily(value: unknown): value is BackendFamily {
  return value === 'jaeger' || value === 'tempo' || value === 'zipkin';
}
