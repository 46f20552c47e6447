import type { Span, SpanKind } from '../../../src/core/model';

/** A span with just what matching reads; attribute values given as a plain object. */
export function makeSpan(fields: { service?: string; operation: string; kind?: SpanKind; attributes?: Record<string, string | number>; spanId?: string }): Span {
  return {
    traceId: '0af7651916cd43dd8448eb211c80319c' as Span['traceId'],
    spanId: (fields.spanId ?? 'b7ad6b7169203331') as Span['spanId'],
    references: [],
    service: fields.service ?? 'api',
    operation: fields.operation,
    kind: fields.kind ?? 'server',
    startUs: 1_700_000_000_000_000,
    durationUs: 1000,
    status: { code: 'unset' },
    attributes: Object.entries(fields.attributes ?? {}).map(([key, value]) => ({ key, type: typeof value === 'number' ? 'int' : 'string', value })),
    resource: [],
    events: [],
    warnings: [],
  };
}
