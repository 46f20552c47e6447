/**
 * Trace and span id normalization. Every format spells ids differently: Jaeger v1 hex with leading zeros
 * stripped (15 or 31 characters), 64-bit trace ids (16 characters), OTLP/JSON hex in either case, the old
 * grpc-gateway base64. The model keeps one spelling so ids from different sources compare equal.
 */
import { base64ToHex } from './base64';
import type { SpanId, TraceId } from './model';

const TRACE_ID_HEX_LENGTH = 32;
const SPAN_ID_HEX_LENGTH = 16;
const ZEROS = '0'.repeat(TRACE_ID_HEX_LENGTH);

/** 0 = not hex, 1 = lowercase hex only, 2 = hex with some uppercase. Char checks, not a regex: this is hot. */
function hexClass(raw: string): 0 | 1 | 2 {
  if (raw.length === 0) return 0;
  let result: 1 | 2 = 1;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 97 && c <= 102)) continue;
    if (c >= 65 && c <= 70) {
      result = 2;
      continue;
    }
    return 0;
  }
  return result;
}

function normalizeId(raw: string, hexLength: number): string {
  // Fast path: the common, already-normalized spelling.
  const kind = hexClass(raw);
  if (kind !== 0 && raw.length <= hexLength) {
    const lower = kind === 2 ? raw.toLowerCase() : raw;
    return raw.length === hexLength ? lower : ZEROS.slice(0, hexLength - raw.length) + lower;
  }
  // 16 bytes (trace) or 8 bytes (span) of base64: 24/12 characters with padding, 22/11 without.
  const bytes = hexLength / 2;
  if (raw.length === Math.ceil(bytes / 3) * 4 || raw.length === Math.ceil((bytes * 8) / 6)) {
    const hex = base64ToHex(raw, bytes);
    if (hex !== undefined) return hex;
  }
  // Jaeger/OTLP never send longer hex, but some exporters do (e.g. a 128-bit span id): keep it as it is,
  // lowercased, rather than truncating and risking a collision with another span.
  return kind === 2 ? raw.toLowerCase() : raw;
}

/**
 * Normalizes a trace id to 32 lowercase hex characters: hex of any case is lowercased and left-padded with
 * zeros (16-character 64-bit ids, and 31-character ids whose leading zero an old Jaeger or Tempo stripped);
 * base64 of 16 bytes is decoded. Anything else (e.g. "trace-123") is kept verbatim as an opaque id.
 */
export function normalizeTraceId(raw: string): TraceId {
  // Spans of one trace arrive together: remembering the last id saves a padded copy per span, and gives
  // every span of the trace the same string instance (cheap Map lookups when grouping).
  if (raw === lastRawTraceId) return lastTraceId;
  lastRawTraceId = raw;
  lastTraceId = normalizeId(raw, TRACE_ID_HEX_LENGTH) as TraceId;
  return lastTraceId;
}

let lastRawTraceId = '';
let lastTraceId = '' as TraceId;

/** Like {@link normalizeTraceId} for span ids: 16 lowercase hex characters, base64 of 8 bytes decoded. */
export function normalizeSpanId(raw: string): SpanId {
  return normalizeId(raw, SPAN_ID_HEX_LENGTH) as SpanId;
}

