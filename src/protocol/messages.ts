import type { SpanDetails, TraceViewModel } from './traceView';

/**
 * Messages from the extension host to the waterfall webview (`nounPastTense`).
 * Each key is the message `type`; the value is its payload.
 */
export interface ToWebview {
  /** Host → webview, after `ready` or when the panel is reused: the trace to draw. */
  traceLoaded: { readonly view: TraceViewModel };
  /** Host → webview, answering `requestSpanDetails`. */
  spanDetailsLoaded: { readonly details: SpanDetails };
  /** Host → webview: the trace could not be loaded; the panel shows the message instead of a waterfall. */
  loadFailed: { readonly message: string };
}

/** Messages from the webview to the extension host (`verbNoun`). */
export interface ToHost {
  /** Webview → host, once its script has started: send the trace (or restore after a reload). */
  ready: object;
  /** Webview → host, when the user selects a span: send its details. */
  requestSpanDetails: { readonly spanIndex: number };
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

/** Runtime validation of everything the host receives: the webview is not trusted to send well-formed data. */
export function parseToHostMessage(value: unknown): ToHostMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'requestSpanDetails':
      return isIndex(value.spanIndex) ? { type: 'requestSpanDetails', spanIndex: value.spanIndex } : undefined;
    default:
      return undefined;
  }
}
