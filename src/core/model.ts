/**
 * The normalized trace model every format is parsed into.
 *
 * Invariants (established by the parsers in this folder, relied on everywhere else):
 * - Times are integer MICROSECONDS. `startUs` is microseconds since the Unix epoch, `durationUs` >= 0.
 *   (OTLP's nanosecond strings exceed 2^53; they are converted by string arithmetic, never through a float.)
 * - Trace ids are 32 lowercase hex characters (shorter hex ids are left-padded with zeros, base64 ids
 *   decoded); span ids are 16 lowercase hex characters. Ids that are not hex at all are kept verbatim as
 *   opaque strings: see {@link normalizeTraceId} in ids.ts.
 * - Everything here is plain JSON-serializable data: no classes, no Maps, no bigint.
 */

/** A trace id: 32 lowercase hex characters, or an opaque non-hex id kept as received. */
export type TraceId = string & { readonly __brand: 'TraceId' };
/** A span id: 16 lowercase hex characters, or an opaque non-hex id kept as received. */
export type SpanId = string & { readonly __brand: 'SpanId' };

/** The wire formats Trace Lens reads (and, for the first three, writes). */
export type TraceFormat = 'jaeger' | 'otlp' | 'zipkin';

export type SpanKind = 'unspecified' | 'internal' | 'server' | 'client' | 'producer' | 'consumer';

export type StatusCode = 'unset' | 'ok' | 'error';

/**
 * An attribute value. Integers that do not fit a double exactly (|n| > 2^53) are kept as their exact
 * decimal text, with `type: 'int'`; every other int is a `number`.
 */
export type AttributeValue =
  | string
  | number
  | boolean
  | null
  | readonly AttributeValue[]
  | { readonly [key: string]: AttributeValue };

export type AttributeType = 'string' | 'bool' | 'int' | 'double' | 'bytes' | 'array' | 'map' | 'empty';

/** One key/value pair: an OTLP attribute, a Jaeger tag or process tag, a Zipkin tag. */
export interface Attribute {
  readonly key: string;
  readonly type: AttributeType;
  /** For `bytes`, the base64 text as received. */
  readonly value: AttributeValue;
}

/** A timed event on a span: an OTLP event, a Jaeger log, a Zipkin annotation. */
export interface SpanEvent {
  /** Microseconds since the Unix epoch. */
  readonly timeUs: number;
  readonly name: string;
  readonly attributes: readonly Attribute[];
}

/**
 * A reference from this span to another one.
 * `child-of` is the parent edge (at most one is used to build the tree; others are kept and shown);
 * `follows-from` is Jaeger's causal-but-not-waiting reference; `link` is an OTLP span link.
 */
export interface SpanReference {
  readonly type: 'child-of' | 'follows-from' | 'link';
  readonly traceId: TraceId;
  readonly spanId: SpanId;
  readonly attributes: readonly Attribute[];
}

export interface InstrumentationScope {
  readonly name: string;
  readonly version?: string;
  readonly attributes: readonly Attribute[];
}

export interface Span {
  readonly traceId: TraceId;
  readonly spanId: SpanId;
  /** The parent used to build the tree: the first child-of reference, OTLP's parentSpanId, Zipkin's parentId. */
  readonly parentSpanId?: SpanId;
  /** Every reference as received, including the parent edge. */
  readonly references: readonly SpanReference[];
  readonly service: string;
  readonly operation: string;
  readonly kind: SpanKind;
  /** Microseconds since the Unix epoch. */
  readonly startUs: number;
  /** Microseconds, >= 0. */
  readonly durationUs: number;
  readonly status: { readonly code: StatusCode; readonly message?: string };
  readonly attributes: readonly Attribute[];
  /** OTLP resource attributes or Jaeger process tags (service.name included when the format has it). */
  readonly resource: readonly Attribute[];
  readonly scope?: InstrumentationScope;
  readonly events: readonly SpanEvent[];
  /** Problems with this span's data found while parsing (e.g. "missing timestamp"), or sent by the backend. */
  readonly warnings: readonly string[];
  /**
   * Zipkin only: this span is the server half of a client/server pair that share one span id.
   * The tree builder places it under the client half with the same id.
   */
  readonly sharedServerHalf?: boolean;
  /** W3C trace state / flags when the format carries them. */
  readonly traceState?: string;
  readonly flags?: number;
}

/** All the spans of one trace id, in the order received. */
export interface Trace {
  readonly traceId: TraceId;
  readonly spans: readonly Span[];
  /** Trace-level problems found while parsing, e.g. the backend's `errors` array. */
  readonly warnings: readonly string[];
}

/** Where a parse failed: 1-based line and column in the file, and/or a JSON path like `data[0].spans[3].traceID`. */
export interface ParseErrorLocation {
  /** 1-based. */
  readonly line?: number;
  /** 1-based. */
  readonly column?: number;
  readonly path?: string;
}

/** An expected failure: the input is not a trace Trace Lens can read. Never thrown. */
export interface ParseFailure {
  readonly ok: false;
  /** The format that was tried, or 'unknown' when none matched. */
  readonly format: TraceFormat | 'unknown';
  /** One line for a person, e.g. "line 1, column 87: Unexpected token '}'" or "spans[3].traceID is missing". */
  readonly message: string;
  readonly location?: ParseErrorLocation;
}

export interface ParseSuccess {
  readonly ok: true;
  readonly format: TraceFormat;
  /** Grouped by trace id, in order of first appearance. Never empty. */
  readonly traces: readonly Trace[];
}

export type ParseResult = ParseSuccess | ParseFailure;

/** Kinds of imperfect-but-real data the tree builder tolerates and reports. */
export type TreeWarningCode =
  | 'orphan'
  | 'duplicate-span-id'
  | 'multiple-roots'
  | 'cycle'
  | 'clock-skew'
  | 'span-warning';

export interface TreeWarning {
  readonly code: TreeWarningCode;
  readonly message: string;
  /** Index into `Trace.spans` of the span concerned, when there is one. */
  readonly spanIndex?: number;
}

/**
 * A trace arranged as a forest. All numbers are indices into `trace.spans`.
 * Children are ordered by start time (ties: order received).
 */
export interface TraceTree {
  readonly trace: Trace;
  /** Spans with no parent in the trace, by start time. An orphan (parent id given but absent) is also a root. */
  readonly roots: readonly number[];
  /** `children[i]`: the children of span i. */
  readonly children: readonly (readonly number[])[];
  /** `parent[i]`: the parent of span i, or -1. */
  readonly parent: readonly number[];
  /** Spans whose parent id names a span not in the trace. */
  readonly orphans: readonly number[];
  /** Microseconds since the epoch: earliest start and latest end over all spans. */
  readonly startUs: number;
  readonly endUs: number;
  readonly warnings: readonly TreeWarning[];
}
