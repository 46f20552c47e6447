import type { Span } from '../model';

/**
 * Reading the facts a span offers about its code: OpenTelemetry code attributes, HTTP route and URL,
 * gRPC names, Istio sidecar names. Old and stable semantic-convention names are both read.
 */

export function stringAttribute(span: Span, ...keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const attribute = span.attributes.find((candidate) => candidate.key === key);
    if (attribute && (typeof attribute.value === 'string' || typeof attribute.value === 'number') && String(attribute.value).length > 0) {
      return String(attribute.value);
    }
  }
  return undefined;
}

export interface CodeAttributes {
  readonly filePath?: string;
  /** 1-based, as OpenTelemetry defines it. */
  readonly line1?: number;
  readonly functionName?: string;
  readonly namespace?: string;
}

/** `code.file.path`/`code.filepath`, `code.line.number`/`code.lineno`, `code.function.name`/`code.function`, `code.namespace`. */
export function codeAttributes(span: Span): CodeAttributes | undefined {
  const filePath = stringAttribute(span, 'code.file.path', 'code.filepath');
  const lineText = stringAttribute(span, 'code.line.number', 'code.lineno');
  let functionName = stringAttribute(span, 'code.function.name', 'code.function');
  let namespace = stringAttribute(span, 'code.namespace');
  // The stable `code.function.name` is fully qualified (`com.acme.Users.show`); split off the namespace.
  if (functionName !== undefined && namespace === undefined && functionName.includes('.')) {
    namespace = functionName.slice(0, functionName.lastIndexOf('.'));
    functionName = functionName.slice(functionName.lastIndexOf('.') + 1);
  }
  const line1 = lineText !== undefined && /^\d+$/.test(lineText) && Number(lineText) > 0 ? Number(lineText) : undefined;
  if (filePath === undefined && functionName === undefined) return undefined;
  return { ...(filePath !== undefined ? { filePath } : {}), ...(line1 !== undefined ? { line1 } : {}), ...(functionName !== undefined ? { functionName } : {}), ...(namespace !== undefined ? { namespace } : {}) };
}

export function httpMethodOf(span: Span): string | undefined {
  return stringAttribute(span, 'http.request.method', 'http.method')?.toUpperCase() ?? routeInName(span)?.method;
}

const METHOD_AND_ROUTE = /^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) (\/\S*)$/;

/** A span named `GET /users/:id`, the convention of HTTP server instrumentations. */
export function routeInName(span: Span): { method: string; route: string } | undefined {
  const match = METHOD_AND_ROUTE.exec(span.operation);
  return match?.[1] && match[2] ? { method: match[1], route: match[2] } : undefined;
}

/** The request path without query: `url.path`, `http.target`, or the path of `url.full` / `http.url`. */
export function requestPathOf(span: Span): string | undefined {
  const direct = stringAttribute(span, 'url.path', 'http.target');
  if (direct !== undefined) return stripQuery(direct);
  const full = stringAttribute(span, 'url.full', 'http.url');
  if (full === undefined) return undefined;
  try {
    return new URL(full).pathname;
  } catch {
    return full.startsWith('/') ? stripQuery(full) : undefined;
  }
}

function stripQuery(path: string): string {
  const cut = path.search(/[?#]/);
  return cut >= 0 ? path.slice(0, cut) : path;
}

const FULL_RPC_NAME = /^\/?([\w.]+)\/(\w+)$/;

/** `rpc.service`/`rpc.method`, or a span named `helloworld.Greeter/SayHello` (leading `/` allowed). */
export function grpcNameOf(span: Span): { service: string; method: string } | undefined {
  const service = stringAttribute(span, 'rpc.service');
  const method = stringAttribute(span, 'rpc.method');
  if (service !== undefined && method !== undefined) return { service, method };
  // Newer conventions put the full name in `rpc.method` (`driver.DriverService/FindNearest`).
  const match = FULL_RPC_NAME.exec(method ?? '') ?? FULL_RPC_NAME.exec(span.operation);
  return match?.[1] && match[2] ? { service: match[1], method: match[2] } : undefined;
}

const ISTIO_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)(\.[-a-z0-9.]+)?:\d+\/\*$/;

/**
 * The service an Istio/Envoy sidecar span is about: `istio.canonical_service`, else the first label of a
 * name like `productpage.default.svc.cluster.local:9080/*`. Undefined for spans that are not sidecar spans.
 */
export function sidecarServiceOf(span: Span): string | undefined {
  const byName = ISTIO_NAME.exec(span.operation)?.[1];
  const canonical = stringAttribute(span, 'istio.canonical_service');
  if (byName === undefined && canonical === undefined) return undefined;
  // For the sidecar the name is the destination; the canonical service is the workload that reported it.
  return byName ?? canonical;
}
