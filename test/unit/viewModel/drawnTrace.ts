/**
 * Tiny traces drawn as indented text, for tests that must not depend on the parsers or the tree builder.
 *
 *   a  frontend: GET /dispatch   0..1000
 *     b  customer: GET /customer  10..300   [error]
 *   z  lost: orphaned            50..60    [orphan, warn]
 *
 * One span per line: label, "service: operation", start..end in µs from the trace start, optional [flags].
 * Two spaces of indentation = one level (the parent is the nearest less-indented line above).
 * Flags: error (status error), orphan (parent id names a span not in the trace), warn (a span warning).
 *
 * `trace.spans` holds the spans in REVERSE drawn order, so tests see that display order is not file order.
 */
import type { Attribute, Span, SpanId, Trace, TraceId, TraceTree, TreeWarning } from '../../../src/core/model';

/** An arbitrary epoch (µs) so that absolute and relative times differ in the tests. */
export const EPOCH_US = 1_700_000_000_000_000;
export const TRACE_ID = '0123456789abcdef0123456789abcdef' as TraceId;

export interface DrawnTrace {
  readonly tree: TraceTree;
  /** Index in `tree.trace.spans` of the span with this label. */
  readonly spanIndexOf: (label: string) => number;
  /** The span id given to a label (16 hex characters). */
  readonly spanIdOf: (label: string) => SpanId;
}

export interface SpanExtras {
  readonly attributes?: readonly Attribute[];
  readonly events?: Span['events'];
  readonly references?: Span['references'];
  readonly resource?: readonly Attribute[];
}

const LINE = /^(\s*)(\w+)\s+([^:]+):\s+(.+?)\s+(\d+)\.\.(\d+)(?:\s+\[([^\]]*)\])?\s*$/;

export function spanIdFor(label: string): SpanId {
  return Buffer.from(label).toString('hex').padStart(16, '0').slice(-16) as SpanId;
}

export function drawTrace(drawing: string, extras: Readonly<Record<string, SpanExtras>> = {}): DrawnTrace {
  const lines = drawing.split('\n').filter((line) => line.trim() !== '');
  const baseIndent = Math.min(...lines.map((line) => line.length - line.trimStart().length));
  interface Drawn { label: string; depth: number; parent: number; span: Span; flags: string[] }
  const drawn: Drawn[] = [];
  const openAtDepth: number[] = [];

  for (const line of lines) {
    const match = LINE.exec(line);
    if (!match) throw new Error(`Cannot read drawn span: ${JSON.stringify(line)}`);
    const [, indent = '', label = '', service = '', operation = '', start = '0', end = '0', flagText = ''] = match;
    const depth = (indent.length - baseIndent) / 2;
    const flags = flagText.split(',').map((flag) => flag.trim()).filter(Boolean);
    const parent = depth > 0 ? openAtDepth[depth - 1]! : -1;
    openAtDepth[depth] = drawn.length;
    openAtDepth.length = depth + 1;
    const extra = extras[label] ?? {};
    const parentSpanId = flags.includes('orphan')
      ? ('ffffffffffffffff' as SpanId)
      : parent >= 0
        ? spanIdFor(drawn[parent]!.label)
        : undefined;
    const span: Span = {
      traceId: TRACE_ID,
      spanId: spanIdFor(label),
      ...(parentSpanId ? { parentSpanId } : {}),
      references: extra.references ?? [],
      service: service.trim(),
      operation,
      kind: 'server',
      startUs: EPOCH_US + Number(start),
      durationUs: Number(end) - Number(start),
      status: flags.includes('error') ? { code: 'error', message: 'boom' } : { code: 'unset' },
      attributes: extra.attributes ?? [],
      resource: extra.resource ?? [],
      events: extra.events ?? [],
      warnings: flags.includes('warn') ? [`${label} has a warning`] : [],
    };
    drawn.push({ label, depth, parent, span, flags });
  }

  // trace.spans is reversed: drawn index d lives at spanIndex (n - 1 - d).
  const n = drawn.length;
  const toSpanIndex = (d: number): number => n - 1 - d;
  const spans = drawn.map((d) => d.span).reverse();
  const children: number[][] = spans.map(() => []);
  const parent: number[] = spans.map(() => -1);
  const roots: number[] = [];
  const orphans: number[] = [];
  const warnings: TreeWarning[] = [];
  drawn.forEach((d, index) => {
    const spanIndex = toSpanIndex(index);
    if (d.parent >= 0) {
      parent[spanIndex] = toSpanIndex(d.parent);
      children[toSpanIndex(d.parent)]!.push(spanIndex);
    } else {
      roots.push(spanIndex);
    }
    if (d.flags.includes('orphan')) {
      orphans.push(spanIndex);
      warnings.push({ code: 'orphan', message: `${d.label}'s parent is missing`, spanIndex });
    }
    if (d.flags.includes('warn')) {
      warnings.push({ code: 'span-warning', message: `${d.label} has a warning`, spanIndex });
    }
  });
  const startUs = Math.min(...spans.map((span) => span.startUs));
  const endUs = Math.max(...spans.map((span) => span.startUs + span.durationUs));
  const trace: Trace = { traceId: TRACE_ID, spans, warnings: [] };
  const labels = drawn.map((d) => d.label);
  return {
    tree: { trace, roots, children, parent, orphans, startUs, endUs, warnings },
    spanIndexOf: (label) => {
      const index = labels.indexOf(label);
      if (index < 0) throw new Error(`No span labelled ${label}`);
      return toSpanIndex(index);
    },
    spanIdOf: spanIdFor,
  };
}

/** A chain of `length` spans, each the only child of the previous one: a worst case for recursion. */
export function deepChain(length: number): TraceTree {
  const spans: Span[] = [];
  for (let i = 0; i < length; i++) {
    spans.push({
      traceId: TRACE_ID,
      spanId: i.toString(16).padStart(16, '0') as SpanId,
      ...(i > 0 ? { parentSpanId: (i - 1).toString(16).padStart(16, '0') as SpanId } : {}),
      references: [],
      service: `svc${i % 7}`,
      operation: `op${i % 13}`,
      kind: 'internal',
      startUs: EPOCH_US + i,
      durationUs: length - i,
      status: { code: 'unset' },
      attributes: [],
      resource: [],
      events: [],
      warnings: [],
    });
  }
  return {
    trace: { traceId: TRACE_ID, spans, warnings: [] },
    roots: length > 0 ? [0] : [],
    children: spans.map((_, i) => (i + 1 < length ? [i + 1] : [])),
    parent: spans.map((_, i) => i - 1),
    orphans: [],
    startUs: EPOCH_US,
    endUs: EPOCH_US + length,
    warnings: [],
  };
}
