/**
 * Three small traces drawn by hand, served by the fake backend in every API's shape.
 *
 *   CHECKOUT  (T0, 120 ms)                               LOGIN (T0 + 30 min, 15 ms)
 *   frontend GET /checkout  server [0 ─────── 120 ms]    auth POST /login   server [0 ── 15 ms]
 *   ├─ frontend cart.Get    client   [10 ── 40]          └─ auth db.query   client   [2 ─ 9]
 *   │  └─ cart cart.Get     server    [12 ─ 38]
 *   └─ payment charge       server        [50 ── 110]  status error "card declined"
 *
 *   OLD_CHECKOUT: the same shape as CHECKOUT, two days before T0 (outside every search window of the tests).
 */
import type { Attribute, Span, SpanId, SpanKind, StatusCode, Trace, TraceId } from '../../src/core/model';

/** 2023-11-14T22:13:20Z in microseconds. */
export const T0 = 1_700_000_000_000_000;
const MS = 1000;

export const CHECKOUT_ID = '4bf92f3577b34da6a3ce929d0e0e4736' as TraceId;
export const LOGIN_ID = '0af7651916cd43dd8448eb211c80319c' as TraceId;
export const OLD_CHECKOUT_ID = '00000000000000007d3efb1b173fecfa' as TraceId;

interface Draft {
  readonly id: string;
  readonly parent?: string;
  readonly service: string;
  readonly operation: string;
  readonly kind: SpanKind;
  readonly startMs: number;
  readonly durationMs: number;
  readonly status?: StatusCode;
  readonly statusMessage?: string;
  readonly attributes?: readonly Attribute[];
}

function draw(traceId: TraceId, startUs: number, drafts: readonly Draft[]): Trace {
  const spans = drafts.map((draft): Span => {
    const span: Span = {
      traceId,
      spanId: draft.id as SpanId,
      references: draft.parent === undefined ? [] : [{ type: 'child-of', traceId, spanId: draft.parent as SpanId, attributes: [] }],
      service: draft.service,
      operation: draft.operation,
      kind: draft.kind,
      startUs: startUs + draft.startMs * MS,
      durationUs: draft.durationMs * MS,
      status: draft.statusMessage === undefined ? { code: draft.status ?? 'unset' } : { code: draft.status ?? 'error', message: draft.statusMessage },
      attributes: draft.attributes ?? [],
      resource: [{ key: 'service.name', type: 'string', value: draft.service }],
      events: [],
      warnings: [],
    };
    return draft.parent === undefined ? span : { ...span, parentSpanId: draft.parent as SpanId };
  });
  return { traceId, spans, warnings: [] };
}

const str = (key: string, value: string): Attribute => ({ key, type: 'string', value });

function checkout(traceId: TraceId, startUs: number): Trace {
  return draw(traceId, startUs, [
    { id: '00f067aa0ba902b7', service: 'frontend', operation: 'GET /checkout', kind: 'server', startMs: 0, durationMs: 120, attributes: [str('http.method', 'GET'), str('customer', 'alice')] },
    { id: 'b7ad6b7169203331', parent: '00f067aa0ba902b7', service: 'frontend', operation: 'cart.Get', kind: 'client', startMs: 10, durationMs: 30 },
    { id: '5fb397be34d26b51', parent: 'b7ad6b7169203331', service: 'cart', operation: 'cart.Get', kind: 'server', startMs: 12, durationMs: 26 },
    { id: '1e2d3c4b5a697887', parent: '00f067aa0ba902b7', service: 'payment', operation: 'charge', kind: 'server', startMs: 50, durationMs: 60, statusMessage: 'card declined' },
  ]);
}

export const CHECKOUT: Trace = checkout(CHECKOUT_ID, T0);

export const LOGIN: Trace = draw(LOGIN_ID, T0 + 30 * 60 * 1_000_000, [
  { id: 'aaaaaaaaaaaaaaa1', service: 'auth', operation: 'POST /login', kind: 'server', startMs: 0, durationMs: 15, attributes: [str('customer', 'bob')] },
  { id: 'aaaaaaaaaaaaaaa2', parent: 'aaaaaaaaaaaaaaa1', service: 'auth', operation: 'db.query', kind: 'client', startMs: 2, durationMs: 7 },
]);

export const OLD_CHECKOUT: Trace = checkout(OLD_CHECKOUT_ID, T0 - 2 * 24 * 60 * 60 * 1_000_000);

export const SMALL_TRACES: readonly Trace[] = [CHECKOUT, LOGIN, OLD_CHECKOUT];

/** A search window around T0 that holds CHECKOUT and LOGIN but not OLD_CHECKOUT: [T0 - 1 h, T0 + 1 h], µs. */
export const WINDOW = { startUs: T0 - 3_600_000_000, endUs: T0 + 3_600_000_000 } as const;
