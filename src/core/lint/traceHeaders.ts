/**
 * The trace headers an application must copy from an incoming request to its outgoing calls, as
 * Istio documents them, plus the W3C and vendor sets. Header names are compared lower-case.
 */

/** Istio's list of headers to forward. */
export const ISTIO_HEADERS: readonly string[] = [
  'x-request-id',
  'x-b3-traceid',
  'x-b3-spanid',
  'x-b3-parentspanid',
  'x-b3-sampled',
  'x-b3-flags',
  'x-ot-span-context',
];

/** Headers OpenCensus-based mesh integrations add. */
export const OPENCENSUS_HEADERS: readonly string[] = ['traceparent', 'grpc-trace-bin', 'x-cloud-trace-context'];

/** The default configured set: Istio's list, the OpenCensus additions, single-header B3 and W3C state. */
export const DEFAULT_TRACE_HEADERS: readonly string[] = [...ISTIO_HEADERS, ...OPENCENSUS_HEADERS, 'b3', 'tracestate', 'baggage'];

/** Optional vendor sets, switched on by name in `traceLens.lint.vendorHeaders`. */
export const VENDOR_HEADERS: Readonly<Record<string, readonly string[]>> = {
  datadog: ['x-datadog-trace-id', 'x-datadog-parent-id', 'x-datadog-sampling-priority', 'x-datadog-origin', 'x-datadog-tags'],
  skywalking: ['sw8', 'sw8-correlation', 'sw8-x'],
};

/** Jaeger's native header: a mesh that expects B3 or W3C cannot join a trace carried only by it. */
export const JAEGER_HEADER = 'uber-trace-id';
export const REQUEST_ID_HEADER = 'x-request-id';

/** The configured headers (lower-case, de-duplicated) from the setting's list and vendor names. */
export function configuredHeaders(headers: readonly string[], vendors: readonly string[] = []): ReadonlySet<string> {
  const names = new Set(headers.map((name) => name.toLowerCase()));
  for (const vendor of vendors) for (const name of VENDOR_HEADERS[vendor.toLowerCase()] ?? []) names.add(name);
  return names;
}

/** What the headers an outbound call sends amount to. */
export type HeaderVerdict = 'carries-context' | 'request-id-only' | 'jaeger-only' | 'none';

/**
 * Judges the header names an outbound call sends (any case) against the configured set: any
 * configured header other than `x-request-id` carries the trace context.
 */
export function judgeSentHeaders(sent: Iterable<string>, configured: ReadonlySet<string>): HeaderVerdict {
  let requestId = false;
  let jaeger = false;
  for (const raw of sent) {
    const name = raw.toLowerCase();
    if (name === REQUEST_ID_HEADER) requestId = true;
    else if (configured.has(name)) return 'carries-context';
    else if (name === JAEGER_HEADER) jaeger = true;
  }
  if (jaeger) return 'jaeger-only';
  return requestId ? 'request-id-only' : 'none';
}

/** True when `name` is any header this lint knows as a trace header (configured, Jaeger or request id). */
export function isKnownTraceHeader(name: string, configured: ReadonlySet<string>): boolean {
  const lower = name.toLowerCase();
  return configured.has(lower) || lower === JAEGER_HEADER || lower === REQUEST_ID_HEADER;
}
