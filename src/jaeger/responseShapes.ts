/**
 * Shared steps from a decoded response body to the values backends return: shape checks that fail as
 * `not-a-trace-backend`, trace bodies through core's parser, trace → search-hit summaries, and the wire
 * spellings of durations and tag filters.
 */
import { buildTraceTree } from '../core/buildTree';
import type { Trace } from '../core/model';
import { parseTraceValue } from '../core/parseTrace';
import { summarizeTrace } from '../core/traceSummary';
import type { BackendFailure, BackendResult, TraceSearchHit } from './backendTypes';
import type { HttpClient } from './httpClient';

export type JsonRecord = { readonly [key: string]: unknown };

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The strings of an array, or undefined when it is not an array of strings. */
export function stringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}

/** The failure for a JSON answer that is not what the API returns: usually a backend of another kind. */
export function wrongShape(http: HttpClient, path: string, expected: string): BackendFailure {
  return http.fail('not-a-trace-backend', `${http.baseUrl}${path} answered JSON that is not ${expected}: is this the right kind of backend (Jaeger, Zipkin or Tempo) and base path?`);
}

/** Parses a body holding traces (any format core reads). An empty list of spans is an empty result. */
export function tracesFromBody(http: HttpClient, path: string, body: unknown): BackendResult<Trace[]> {
  const parsed = parseTraceValue(body);
  if (parsed.ok) return { ok: true, value: [...parsed.traces] };
  if (/contains no spans/.test(parsed.message)) return { ok: true, value: [] };
  return http.fail('bad-response', `${http.baseUrl}${path} answered traces Trace Lens cannot read: ${parsed.message}`);
}

/** Search hits for whole traces: the summary computed from the spans, the trace attached. */
export function hitsFromTraces(traces: readonly Trace[]): TraceSearchHit[] {
  return traces.map((trace) => ({ summary: summarizeTrace(buildTraceTree(trace)), trace }));
}

/** Microseconds → a Go duration string (`1500us`), which Jaeger and Tempo parse. */
export function goDuration(us: number | undefined): string | undefined {
  return us === undefined ? undefined : `${Math.max(0, Math.round(us))}us`;
}

/**
 * Parses the `key=value key2="value with spaces"` filter text users type (Jaeger UI and Tempo use logfmt).
 * A bare `key` means "present" and maps to an empty string.
 */
export function parseLogfmtTags(text: string): Record<string, string> {
  const tags: Record<string, string> = {};
  const pattern = /([^\s=]+)(?:=(?:"((?:[^"\\]|\\.)*)"|(\S*)))?/g;
  for (const match of text.matchAll(pattern)) {
    const key = match[1]!;
    const quoted = match[2];
    tags[key] = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : (match[3] ?? '');
  }
  return tags;
}

/** The inverse of {@link parseLogfmtTags}: values with spaces, quotes or `=` are quoted. */
export function formatLogfmtTags(tags: Readonly<Record<string, string>>): string {
  return Object.entries(tags)
    .map(([key, value]) => (/^[^\s"=]+$/.test(value) ? `${key}=${value}` : `${key}="${value.replace(/["\\]/g, '\\$&')}"`))
    .join(' ');
}
