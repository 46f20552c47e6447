/**
 * The compact view model the host sends to the waterfall webview. Columnar (one array per field) so that a
 * 200k-span trace is a few flat arrays rather than 200k objects; span details (attributes, events, …) are
 * fetched one span at a time when the user selects it.
 *
 * Row order: spans are listed in display order (depth-first, children by start time), so row i of the
 * fully expanded waterfall is span i of these arrays. `spanIndex` everywhere in the protocol means this
 * display index, not the index in the parsed file.
 */
export interface TraceViewModel {
  readonly traceId: string;
  /** e.g. "frontend: GET /dispatch". */
  readonly title: string;
  /** Microseconds since the Unix epoch of the earliest span start. */
  readonly startUs: number;
  /** Microseconds from the earliest start to the latest end. */
  readonly durationUs: number;
  /** Interned strings: `serviceIndex[i]` indexes `services`, `operationIndex[i]` indexes `operations`. */
  readonly services: readonly string[];
  readonly operations: readonly string[];
  readonly spans: SpanColumns;
  /** Trace-level warnings (orphans, duplicate ids, clock skew, several roots …), already phrased for people. */
  readonly warnings: readonly string[];
}

/**
 * Where a shown trace came from, so a panel restored after a window reload can load it again (the webview
 * state keeps this, never the trace data). `file`: a trace file, re-read by Uri; `backend`: fetched by id.
 */
export type TraceSource =
  | { readonly kind: 'file'; readonly uri: string; readonly traceId: string }
  | { readonly kind: 'backend'; readonly description: string; readonly traceId: string };

/** Validates a {@link TraceSource} read back from webview state (webview-written, so untrusted). */
export function parseTraceSource(value: unknown): TraceSource | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { kind, uri, description, traceId } = value as Record<string, unknown>;
  if (typeof traceId !== 'string') return undefined;
  if (kind === 'file' && typeof uri === 'string') return { kind, uri, traceId };
  if (kind === 'backend' && typeof description === 'string') return { kind, description, traceId };
  return undefined;
}

/**
 * The source of a trace from the text the openers pass along: a Uri with a scheme (`file:`, `vscode-remote:`
 * …) is a file the serializer can re-read; `http(s)://` or plain text describes a backend.
 */
export function traceSourceOf(source: string, traceId: string): TraceSource {
  const isUri = /^[a-z][\w+.-]*:/i.test(source) && !/^https?:/i.test(source);
  return isUri ? { kind: 'file', uri: source, traceId } : { kind: 'backend', description: source, traceId };
}

/** Bits of {@link SpanColumns.flags}. */
export const enum SpanFlag {
  Error = 1,
  /** The span's parent id names a span that is not in the trace. */
  Orphan = 2,
  /** The span has warnings of its own; the detail view lists them. */
  HasWarnings = 4,
  /** The span's status is explicitly OK (neither error nor unset): the status filter needs all three. */
  StatusOk = 8,
}

/** Span kinds as small integers, in this order: unspecified, internal, server, client, producer, consumer. */
export const SPAN_KINDS = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'] as const;

export interface SpanColumns {
  /** Display index of the parent span, or -1 for a root. A parent always comes before its children. */
  readonly parent: readonly number[];
  readonly depth: readonly number[];
  readonly serviceIndex: readonly number[];
  readonly operationIndex: readonly number[];
  /** Microseconds from the trace start. */
  readonly startOffsetUs: readonly number[];
  readonly durationUs: readonly number[];
  /** Index into {@link SPAN_KINDS}. */
  readonly kind: readonly number[];
  /** {@link SpanFlag} bits. */
  readonly flags: readonly number[];
}

/** Everything the detail pane shows for one span. Values are plain strings: the webview renders them as text. */
export interface SpanDetails {
  readonly spanIndex: number;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly service: string;
  readonly operation: string;
  readonly kind: string;
  /** Microseconds from the trace start. */
  readonly startOffsetUs: number;
  readonly durationUs: number;
  readonly status: { readonly code: string; readonly message?: string };
  readonly attributes: readonly KeyValueText[];
  readonly resource: readonly KeyValueText[];
  readonly events: readonly {
    /** Microseconds from the span start. */
    readonly offsetUs: number;
    readonly name: string;
    readonly attributes: readonly KeyValueText[];
  }[];
  readonly references: readonly {
    readonly type: string;
    readonly traceId: string;
    readonly spanId: string;
    /** Display index of the referenced span when it is in this trace. */
    readonly spanIndex?: number;
  }[];
  readonly warnings: readonly string[];
}

/** An attribute formatted for display; `type` is the attribute's wire type ("string", "int", …). */
export interface KeyValueText {
  readonly key: string;
  readonly value: string;
  readonly type: string;
}
