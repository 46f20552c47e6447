/**
 * Finds trace ids in what a person pastes into "Open Trace…": bare ids in any spelling backends and tools
 * print (32 hex, 16-hex 64-bit ids, 31 hex when an old Jaeger stripped the leading zero, base64 of the 16
 * bytes, a UUID, a W3C `traceparent`), several at once separated by anything, or inside a Jaeger UI,
 * Zipkin UI or Grafana Explore URL. Everything found is normalized with {@link normalizeTraceId}.
 *
 * Precision over recall: a word that happens to be valid base64 ("ConfigurationException" is 22 base64
 * characters) or a 20-character hex hash must not become a trace id, so base64 inside longer text needs a
 * character a word would not have, and hex must have one of the three lengths ids have.
 */
import { base64ToHex } from './base64';
import { normalizeTraceId } from './ids';
import type { TraceId } from './model';

export interface TraceIdExtraction {
  /** Normalized ids (32 lowercase hex), without repeats, in the order they appear. */
  readonly ids: readonly TraceId[];
  /**
   * Pieces that look like an attempt at an id but are not one (hex of a wrong length, a URL without an
   * id), for the message when nothing was found. Never contains anything from a valid id.
   */
  readonly rejected: readonly string[];
}

/** Hex lengths a trace id is printed with: 64-bit, 128-bit with the leading zero stripped, 128-bit. */
const HEX_ID_LENGTHS: ReadonlySet<number> = new Set([16, 31, 32]);
/** Shorter hex runs are numbers or words ("cafe", "12"), not failed attempts worth mentioning. */
const MIN_REJECTED_HEX_LENGTH = 8;

const URL_PATTERN = /\bhttps?:\/\/[^\s"'<>()]+/gi;
/** Characters of hex, base64 (both alphabets, padding) and of the dashes in UUIDs and traceparents. */
const TOKEN_PATTERN = /[A-Za-z0-9+/=_-]+/g;
const HEX = /^[0-9a-fA-F]+$/;
const UUID = /^([0-9a-fA-F]{8})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{12})$/;
const TRACEPARENT = /^[0-9a-fA-F]{2}-([0-9a-fA-F]{32})-[0-9a-fA-F]{16}-[0-9a-fA-F]{2}$/;
/** Query parameters that name a trace in tools that are not Jaeger or Grafana. */
const TRACE_ID_PARAMS = ['traceId', 'traceID', 'trace_id', 'trace'];

/** Every trace id in `text`. */
export function extractTraceIds(text: string): TraceIdExtraction {
  const found = new Collector();
  const urls = text.match(URL_PATTERN) ?? [];
  for (const url of urls) idsFromUrl(url, found);
  const rest = text.replace(URL_PATTERN, ' ');
  const tokens = rest.match(TOKEN_PATTERN) ?? [];
  // A lone token is what the person meant to paste, so it may be base64 that looks like a word.
  const lone = tokens.length === 1 && urls.length === 0;
  for (const token of tokens) {
    const id = traceIdFromToken(token, lone) ?? traceIdFromPath(token.split('/')) ?? traceIdFromAssignment(token);
    if (id !== undefined) found.add(id);
    else if (isRejectedHex(token)) found.reject(token);
  }
  return found.result();
}

/**
 * One token as a trace id, or undefined. `lenient`: accept base64 that could also be an ordinary word.
 */
export function traceIdFromToken(token: string, lenient = true): TraceId | undefined {
  if (HEX.test(token)) return HEX_ID_LENGTHS.has(token.length) ? normalizeTraceId(token) : undefined;
  const uuid = UUID.exec(token);
  if (uuid !== null) return normalizeTraceId(uuid.slice(1).join(''));
  const traceparent = TRACEPARENT.exec(token);
  if (traceparent !== null) return normalizeTraceId(traceparent[1]!);
  return base64TraceId(token, lenient);
}

/** 16 bytes of base64: 22 characters, or 24 ending in `==`. */
function base64TraceId(token: string, lenient: boolean): TraceId | undefined {
  const padded = token.length === 24 && token.endsWith('==');
  if (token.length !== 22 && !padded) return undefined;
  if (!lenient && !padded && !/[0-9+/_-]/.test(token)) return undefined;
  const hex = base64ToHex(token, 16);
  // The all-zero id is invalid in every tracing system; 22 'A's is far likelier a placeholder than an id.
  return hex === undefined || /^0+$/.test(hex) ? undefined : normalizeTraceId(hex);
}

function isRejectedHex(token: string): boolean {
  return HEX.test(token) && token.length >= MIN_REJECTED_HEX_LENGTH && /[0-9]/.test(token);
}

/** `traceID=<id>` as loggers print it; the `=` of base64 padding at the end is not a separator. */
function traceIdFromAssignment(token: string): TraceId | undefined {
  const parts = token.split(/=+(?!=*$)/);
  if (parts.length < 2) return undefined;
  // `span_id=<16 hex>` and `parent_id=…` name spans, whose ids look like 64-bit trace ids.
  if (/span|parent/i.test(parts[0]!)) return undefined;
  return traceIdFromToken(parts[parts.length - 1]!, false);
}

/** Jaeger UI `/trace/<id>` (and `/trace/<a>...<b>`, its compare view), Zipkin UI `/traces/<id>`. */
function traceIdFromPath(segments: readonly string[]): TraceId | undefined {
  const at = segments.findIndex((segment) => segment === 'trace' || segment === 'traces');
  const next = at < 0 ? undefined : segments[at + 1];
  return next === undefined ? undefined : traceIdFromToken(next.split('...')[0] ?? '');
}

function idsFromUrl(text: string, found: Collector): void {
  let url: URL;
  try {
    // A URL pasted at the end of a sentence often carries the sentence's full stop.
    url = new URL(text.replace(/[.,;:]+$/, ''));
  } catch {
    found.reject(text);
    return;
  }
  const before = found.count;
  const segments = url.pathname.split('/').map(safeDecode);
  const traceIndex = segments.findIndex((segment) => segment === 'trace' || segment === 'traces');
  if (traceIndex >= 0) {
    // Jaeger's compare view puts several ids in one segment: /trace/<a>...<b>.
    for (const part of (segments[traceIndex + 1] ?? '').split('...')) {
      const id = traceIdFromToken(part);
      if (id !== undefined) found.add(id);
    }
  } else if (segments.includes('explore')) {
    for (const value of url.searchParams.values()) idsFromGrafanaState(value, found);
  }
  for (const name of TRACE_ID_PARAMS) {
    const value = url.searchParams.get(name);
    const id = value === null ? undefined : traceIdFromToken(value.trim());
    if (id !== undefined) found.add(id);
  }
  if (found.count === before) found.reject(text);
}

/**
 * Grafana Explore keeps its panes as JSON in the query string (`panes={...}` since 10, `left=[...]` or
 * `left={...}` before). The trace id is a query's `query` field (Tempo and Jaeger data sources); only those
 * fields are read, because data source uids elsewhere in the JSON can contain hex runs of id length.
 */
function idsFromGrafanaState(value: string, found: Collector): void {
  let state: unknown;
  try {
    state = JSON.parse(value);
  } catch {
    return;
  }
  const visit = (node: unknown, key: string | undefined): void => {
    if (typeof node === 'string') {
      if (key !== 'query') return;
      const id = traceIdFromToken(node.trim());
      if (id !== undefined) found.add(id);
    } else if (Array.isArray(node)) {
      // Grafana < 8 wrote `left=["now-1h","now","Tempo",{"query":"<id>"}]`.
      for (const item of node) visit(item, key);
    } else if (typeof node === 'object' && node !== null) {
      for (const [childKey, child] of Object.entries(node)) visit(child, childKey);
    }
  };
  visit(state, undefined);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

class Collector {
  private readonly ids: TraceId[] = [];
  private readonly seen = new Set<string>();
  private readonly rejected: string[] = [];

  get count(): number {
    return this.ids.length;
  }

  add(id: TraceId): void {
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.ids.push(id);
  }

  reject(text: string): void {
    if (!this.rejected.includes(text)) this.rejected.push(text);
  }

  result(): TraceIdExtraction {
    return { ids: this.ids, rejected: this.rejected };
  }
}

/** Why nothing in `text` was taken as a trace id: one sentence for the input box. */
export function describeNoTraceId(extraction: TraceIdExtraction): string {
  const [first] = extraction.rejected;
  if (first === undefined) {
    return 'No trace id found: paste a trace id (32 or 16 hex characters, or base64) or a Jaeger UI or Grafana Explore link to a trace.';
  }
  if (HEX.test(first)) {
    return `"${first}" is ${first.length} hex characters; a trace id has 32 (or 16 for a 64-bit id).`;
  }
  return `No trace id found in ${shorten(first)}: a Jaeger UI link ends in /trace/<id>; a Grafana Explore link holds the id as a query.`;
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
