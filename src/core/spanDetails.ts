/**
 * The detail pane's data for one span, everything already formatted as display text so the webview only
 * ever sets `textContent`. Built on demand, one span at a time, when the user selects a row.
 */
import type { Attribute, AttributeValue, TraceTree } from './model';
import type { KeyValueText, SpanDetails } from '../protocol/traceView';
import { invertDisplayOrder } from './traceViewModel';

/**
 * Details of the span shown at `displayIndex`.
 *
 * @param displayOrder from {@link buildTraceViewModel}: display index → index in `tree.trace.spans`.
 * @param displayIndexOfSpan its inverse ({@link invertDisplayOrder}); pass it when answering many requests
 *   for the same trace, otherwise it is recomputed (linear in the span count).
 * @throws RangeError when `displayIndex` is not a row of this trace: callers check the bound first (a
 *   request from the webview is untrusted input; an out-of-range index reaching here is a bug).
 */
export function buildSpanDetails(
  tree: TraceTree,
  displayOrder: readonly number[],
  displayIndex: number,
  displayIndexOfSpan?: Int32Array,
): SpanDetails {
  const spans = tree.trace.spans;
  const spanIndex = displayOrder[displayIndex];
  const span = spanIndex === undefined ? undefined : spans[spanIndex];
  if (spanIndex === undefined || span === undefined) {
    throw new RangeError(`No row ${displayIndex} in a trace of ${displayOrder.length} rows`);
  }

  const referenced = span.references.length > 0 ? findReferencedSpans(tree, span.references) : new Map();
  const inverse = span.references.length > 0 ? (displayIndexOfSpan ?? invertDisplayOrder(displayOrder, spans.length)) : undefined;

  const treeWarnings = tree.warnings.filter((warning) => warning.spanIndex === spanIndex).map((w) => w.message);

  return {
    spanIndex: displayIndex,
    spanId: span.spanId,
    ...(span.parentSpanId !== undefined ? { parentSpanId: span.parentSpanId } : {}),
    service: span.service,
    operation: span.operation,
    kind: span.kind,
    startOffsetUs: span.startUs - tree.startUs,
    durationUs: span.durationUs,
    status: {
      code: span.status.code,
      ...(span.status.message !== undefined ? { message: span.status.message } : {}),
    },
    attributes: formatAttributes(span.attributes),
    resource: [
      ...formatAttributes(span.resource),
      // The instrumentation scope has no section of its own; Jaeger UI shows it with the process too.
      ...(span.scope
        ? [
            textOf('otel.scope.name', 'string', span.scope.name),
            ...(span.scope.version !== undefined ? [textOf('otel.scope.version', 'string', span.scope.version)] : []),
            ...formatAttributes(span.scope.attributes),
          ]
        : []),
    ],
    events: span.events.map((event) => ({
      offsetUs: event.timeUs - span.startUs,
      name: event.name,
      attributes: formatAttributes(event.attributes),
    })),
    references: span.references.map((reference) => {
      const target = referenced.get(referenceKey(reference.traceId, reference.spanId));
      const targetDisplay = target === undefined || inverse === undefined ? -1 : inverse[target]!;
      return {
        type: reference.type,
        traceId: reference.traceId,
        spanId: reference.spanId,
        ...(targetDisplay >= 0 ? { spanIndex: targetDisplay } : {}),
      };
    }),
    // The tree builder may repeat a span's own warning as a tree warning: list each text once.
    warnings: [...new Set([...span.warnings, ...treeWarnings])],
  };
}

function referenceKey(traceId: string, spanId: string): string {
  return `${traceId}/${spanId}`;
}

/** Index in `trace.spans` of each referenced span that is in this trace (first one wins on duplicate ids). */
function findReferencedSpans(
  tree: TraceTree,
  references: readonly { readonly traceId: string; readonly spanId: string }[],
): Map<string, number> {
  const wanted = new Set(references.map((reference) => referenceKey(reference.traceId, reference.spanId)));
  const found = new Map<string, number>();
  const spans = tree.trace.spans;
  for (let spanIndex = 0; spanIndex < spans.length && found.size < wanted.size; spanIndex++) {
    const candidate = spans[spanIndex]!;
    // A Zipkin server half shares its client's id; the client half is the one a reference means.
    if (candidate.sharedServerHalf) continue;
    const key = referenceKey(candidate.traceId, candidate.spanId);
    if (wanted.has(key) && !found.has(key)) found.set(key, spanIndex);
  }
  return found;
}

function textOf(key: string, type: string, value: string): KeyValueText {
  return { key, type, value };
}

function formatAttributes(attributes: readonly Attribute[]): KeyValueText[] {
  return attributes.map((attribute) => textOf(attribute.key, attribute.type, formatAttributeValue(attribute)));
}

/**
 * Display text of an attribute value: strings as they are, numbers exactly (big ints are already exact
 * decimal text), booleans as true/false, bytes as the base64 text received, arrays and maps as JSON.
 */
export function formatAttributeValue(attribute: Pick<Attribute, 'type' | 'value'>): string {
  return formatValue(attribute.value);
}

function formatValue(value: AttributeValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
