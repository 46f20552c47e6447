/**
 * What each format parser hands to `parseTrace`: a flat list of spans (not yet grouped by trace) and
 * trace-level warnings. Internal to src/core's parsers.
 */
import type { Attribute, Span, SpanEvent, SpanReference, TraceId } from './model';

/** A Span under construction: parsers fill it in, everything downstream sees it as readonly. */
export type MutableSpan = { -readonly [K in keyof Span]: Span[K] };

/**
 * Shared empty lists: most spans have no warnings, events or links, and with 500k spans one array each is
 * a measurable share of the parse time (in the garbage collector). Frozen, so a stray push fails loudly.
 */
export const NO_WARNINGS: readonly string[] = Object.freeze([]);
export const NO_EVENTS: readonly SpanEvent[] = Object.freeze([]);
export const NO_REFERENCES: readonly SpanReference[] = Object.freeze([]);
export const NO_ATTRIBUTES: readonly Attribute[] = Object.freeze([]);

/** Appends a warning to a span under construction (copying, as its list may be the shared empty one). */
export function addSpanWarning(span: MutableSpan, warning: string): void {
  span.warnings = span.warnings.length === 0 ? [warning] : [...span.warnings, warning];
}

export interface ParsedSpans {
  readonly spans: MutableSpan[];
  /** Warnings for one trace id (e.g. Jaeger's per-trace `warnings`). */
  readonly traceWarnings: Map<TraceId, string[]>;
  /** Warnings for every trace in the document (e.g. the envelope's `errors`). */
  readonly documentWarnings: string[];
}

/** A fresh, empty result for a parser to fill. */
export function emptyParsedSpans(): ParsedSpans {
  return { spans: [], traceWarnings: new Map(), documentWarnings: [] };
}

/** Adds a trace warning once (parsers may find the same problem on many spans). */
export function addTraceWarning(parsed: ParsedSpans, traceId: TraceId, warning: string): void {
  const list = parsed.traceWarnings.get(traceId);
  if (list === undefined) parsed.traceWarnings.set(traceId, [warning]);
  else if (!list.includes(warning)) list.push(warning);
}

/** The service shown for spans whose data names none (the OpenTelemetry SDK default). */
export const UNKNOWN_SERVICE = 'unknown_service';
