/**
 * Which wire format a parsed JSON document is, judged from its outer shape and the keys of its first
 * span (each format spells ids differently: OTLP `traceId`/`spanId`, Jaeger `traceID`/`spanID`, Zipkin
 * `traceId`/`id`). Cheap: looks at a handful of keys, never at every span.
 */
import type { TraceFormat } from './model';
import { findResourceSpans } from './parseOtlp';
import { isJaegerSpan, isJaegerTrace } from './parseJaeger';
import { isRecord } from './readFields';
import { isZipkinSpan } from './parseZipkin';

export type Detection =
  | { readonly format: TraceFormat }
  /** `hint` says what the document seems to be instead, when it is something recognizable. */
  | { readonly format: 'unknown'; readonly hint?: string };

/** Every shape the parsers accept, for the message when none matched. */
export const ACCEPTED_SHAPES =
  'Trace Lens reads: OTLP/JSON ({"resourceSpans": […]}, Tempo {"batches": […]}, Jaeger /api/v3 {"result": {"resourceSpans": …}}, ' +
  'or NDJSON with one such document per line); Jaeger v1 JSON (the API envelope {"data": [trace…]}, one trace ' +
  '{"traceID", "spans", "processes"}, or an array of spans with embedded "process"); Zipkin v2 JSON (an array of spans, ' +
  'or an array of such arrays).';

/** The format of a parsed document, or 'unknown' with a hint naming what it seems to be instead. */
export function detectFormat(value: unknown): Detection {
  if (Array.isArray(value)) return detectArray(value);
  if (!isRecord(value)) return { format: 'unknown', hint: `the document is a JSON ${value === null ? 'null' : typeof value}` };
  if (findResourceSpans(value) !== undefined) return { format: 'otlp' };
  if ('data' in value) {
    const data = value.data;
    if (Array.isArray(data) && (data.length === 0 || isJaegerTrace(data[0]))) return { format: 'jaeger' };
    if (Array.isArray(data) && typeof data[0] === 'string') return { format: 'unknown', hint: 'it looks like a Jaeger list of services or operations, not a trace' };
    return { format: 'unknown', hint: 'it has "data" but that is not a list of Jaeger traces' };
  }
  if (isJaegerTrace(value)) return { format: 'jaeger' };
  return { format: 'unknown', hint: hintForObject(value) };
}

function detectArray(value: readonly unknown[]): Detection {
  if (value.length === 0) return { format: 'unknown', hint: 'the document is an empty array' };
  const first: unknown = value[0];
  if (Array.isArray(first)) {
    // /api/v2/traces: a list of traces; find the first span to be sure it is Zipkin.
    for (const trace of value) {
      if (Array.isArray(trace) && trace.length > 0) {
        return isZipkinSpan(trace[0]) ? { format: 'zipkin' } : { format: 'unknown', hint: 'it is an array of arrays, but not of Zipkin spans' };
      }
    }
    return { format: 'unknown', hint: 'it is an array of empty arrays' };
  }
  if (isJaegerTrace(first) || isJaegerSpan(first)) return { format: 'jaeger' };
  if (isZipkinSpan(first)) return { format: 'zipkin' };
  if (isRecord(first) && 'parent' in first && 'child' in first && 'callCount' in first) {
    return { format: 'unknown', hint: 'it looks like Jaeger dependency links, not a trace' };
  }
  return { format: 'unknown' };
}

function hintForObject(value: { readonly [key: string]: unknown }): string | undefined {
  if (Array.isArray(value.traces)) return 'it looks like a Tempo search result (trace summaries without their spans)';
  if (Array.isArray(value.summaries)) return 'it looks like a Jaeger /api/v3 trace-summaries response (no spans)';
  if (Array.isArray(value.services)) return 'it looks like a Jaeger list of services, not a trace';
  if (Array.isArray(value.operations)) return 'it looks like a Jaeger list of operations, not a trace';
  if (isJaegerSpan(value)) return 'it looks like a single Jaeger span: a trace needs an array of spans';
  if (isZipkinSpan(value)) return 'it looks like a single Zipkin span: a trace needs an array of spans';
  return undefined;
}

/**
 * A guess from raw text, for naming the format in a JSON syntax error message (the text could not be
 * parsed, so there is no shape to look at). Looks only at the first 64 KiB.
 */
export function guessFormatFromText(text: string): TraceFormat | 'unknown' {
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  if (head.includes('"resourceSpans"') || head.includes('"scopeSpans"') || head.includes('"batches"')) return 'otlp';
  if (head.includes('"spanID"') || head.includes('"traceID"')) return 'jaeger';
  if (head.includes('"traceId"') && head.includes('"id"')) return 'zipkin';
  return 'unknown';
}
