import type { SpanDetails, TraceSource, TraceViewModel } from './traceView';

/**
 * Messages from the extension host to the waterfall webview (`nounPastTense`).
 * Each key is the message `type`; the value is its payload.
 */
export interface ToWebview {
  /** Host → webview, after `ready` or when the panel is reused: the trace to draw. */
  traceLoaded: { readonly view: TraceViewModel; readonly source?: TraceSource };
  /** Host → webview, answering `requestSpanDetails`. */
  spanDetailsLoaded: { readonly details: SpanDetails };
  /** Host → webview: the trace could not be loaded; the panel shows the message instead of a waterfall. */
  loadFailed: { readonly message: string };
  /** Host → webview, answering `findSpans`: display indices (ascending) of the spans matching `query`. */
  spansFound: { readonly query: string; readonly matches: readonly number[] };
  /**
   * Host → webview, after `traceLoaded` once the workspace's source index has answered: the spans that
   * map to code (display indices), each with the evidence for the match, for the row's "has source" icon.
   */
  sourceMatchesLoaded: { readonly matches: readonly SourceMatchHint[] };
}

/** Messages from the webview to the extension host (`verbNoun`). */
export interface ToHost {
  /** Webview → host, once its script has started: send the trace (or restore after a reload). */
  ready: object;
  /** Webview → host, when the user selects a span: send its details. */
  requestSpanDetails: { readonly spanIndex: number };
  /**
   * Webview → host, as the user types in the find box: search names and attributes (the webview has no
   * attribute text; see traceSearch.ts for the query syntax). Answered by `spansFound`.
   */
  findSpans: { readonly query: string };
  /** Webview → host, "Go to Source" on a span row (context menu or the `g` key). */
  revealSource: { readonly spanIndex: number };
  /** Webview → host: put text on the clipboard (an attribute value, a span id). */
  copyText: { readonly text: string };
  /** Webview → host: put the span's id, or the whole span as the parsed model's JSON, on the clipboard. */
  copySpan: { readonly spanIndex: number; readonly what: 'id' | 'json' };
}

/** One span that maps to code: its display index and why (e.g. "http.route GET /users/:id"). */
export interface SourceMatchHint {
  readonly spanIndex: number;
  readonly evidence: string;
}

export type Message<M> = { [K in keyof M]: { readonly type: K } & M[K] }[keyof M];
export type ToWebviewMessage = Message<ToWebview>;
export type ToHostMessage = Message<ToHost>;

/** A handler for every message type: forgetting one is a compile error. */
export type MessageHandlers<M> = { [K in keyof M]: (message: { readonly type: K } & M[K]) => void };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** Longer find queries are refused: nobody types them, and each one is matched against every attribute. */
export const MAX_QUERY_LENGTH = 1000;

/** Runtime validation of everything the host receives: the webview is not trusted to send well-formed data. */
export function parseToHostMessage(value: unknown): ToHostMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'requestSpanDetails':
    case 'revealSource':
      return isIndex(value.spanIndex) ? { type: value.type, spanIndex: value.spanIndex } : undefined;
    case 'findSpans':
      return typeof value.query === 'string' && value.query.length <= MAX_QUERY_LENGTH ? { type: 'findSpans', query: value.query } : undefined;
    case 'copySpan':
      return isIndex(value.spanIndex) && (value.what === 'id' || value.what === 'json')
        ? { type: 'copySpan', spanIndex: value.spanIndex, what: value.what }
        : undefined;
    case 'copyText':
      return typeof value.text === 'string' ? { type: 'copyText', text: value.text } : undefined;
    default:
      return undefined;
  }
}
