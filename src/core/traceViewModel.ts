/**
 * Turns a {@link TraceTree} into the compact, columnar {@link TraceViewModel} the waterfall webview draws.
 *
 * Traces reach 200k spans and parent chains can be as deep as the trace is long, so everything here is a
 * single linear pass with an explicit stack: no recursion, no per-span objects beyond the output columns.
 */
import type { Span, TraceTree, TreeWarning, TreeWarningCode } from './model';
import { SPAN_KINDS, SpanFlag, type TraceViewModel } from '../protocol/traceView';

/** The view model plus the mapping back to the parsed trace, which the host keeps to answer detail requests. */
export interface TraceViewModelResult {
  readonly view: TraceViewModel;
  /** `displayOrder[displayIndex]` is the index of that row's span in `tree.trace.spans`. */
  readonly displayOrder: readonly number[];
}

/**
 * Builds the waterfall's view model. Display order is depth-first, roots and children in the order the tree
 * gives them (by start time). Spans the tree builder could not reach from a root (it should not happen, but a
 * broken parent cycle could cause it) are appended as extra roots so that no span is ever dropped.
 */
export function buildTraceViewModel(tree: TraceTree): TraceViewModelResult {
  const spans = tree.trace.spans;
  const count = spans.length;
  const { order: displayOrder, walkedParent } = depthFirstOrder(tree);

  const services = new Interner();
  const operations = new Interner();
  const parentColumn: number[] = [];
  const depth: number[] = [];
  const serviceIndex: number[] = [];
  const operationIndex: number[] = [];
  const startOffsetUs: number[] = [];
  const durationUs: number[] = [];
  const kind: number[] = [];
  const flags: number[] = [];

  const displayIndexOfSpan = new Int32Array(count).fill(-1);
  const spanFlags = collectSpanFlags(tree);

  for (let displayIndex = 0; displayIndex < displayOrder.length; displayIndex++) {
    const spanIndex = displayOrder[displayIndex]!;
    const span = spans[spanIndex]!;
    displayIndexOfSpan[spanIndex] = displayIndex;
    const parentSpan = walkedParent[spanIndex]!;
    // A parent always precedes its children in depth-first order; -1 here means "shown as a root".
    const parentDisplay = parentSpan >= 0 ? displayIndexOfSpan[parentSpan]! : -1;
    parentColumn.push(parentDisplay);
    depth.push(parentDisplay >= 0 ? depth[parentDisplay]! + 1 : 0);
    serviceIndex.push(services.indexOf(span.service));
    operationIndex.push(operations.indexOf(span.operation));
    startOffsetUs.push(span.startUs - tree.startUs);
    durationUs.push(span.durationUs);
    kind.push(Math.max(0, SPAN_KINDS.indexOf(span.kind)));
    flags.push(spanFlags[spanIndex]! | (isErrorSpan(span) ? SpanFlag.Error : span.status.code === 'ok' ? SpanFlag.StatusOk : 0));
  }

  const view: TraceViewModel = {
    traceId: tree.trace.traceId,
    title: traceTitle(tree),
    startUs: tree.startUs,
    durationUs: Math.max(0, tree.endUs - tree.startUs),
    services: services.values,
    operations: operations.values,
    spans: { parent: parentColumn, depth, serviceIndex, operationIndex, startOffsetUs, durationUs, kind, flags },
    warnings: [...tree.trace.warnings, ...phraseTreeWarnings(tree)],
  };
  return { view, displayOrder };
}

/**
 * The inverse of a display order: `result[spanIndex]` is the display index of that span, or -1.
 * Linear; the host computes it once per trace and passes it to {@link buildSpanDetails}.
 */
export function invertDisplayOrder(displayOrder: readonly number[], spanCount: number): Int32Array {
  const inverse = new Int32Array(spanCount).fill(-1);
  for (let displayIndex = 0; displayIndex < displayOrder.length; displayIndex++) {
    inverse[displayOrder[displayIndex]!] = displayIndex;
  }
  return inverse;
}

/**
 * Depth-first pre-order over the forest with an explicit stack; every span appears exactly once.
 * `walkedParent[spanIndex]` is the span it was reached from (-1 for a root), which is the row's parent even
 * if `tree.parent` and `tree.children` were to disagree.
 */
function depthFirstOrder(tree: TraceTree): { order: number[]; walkedParent: Int32Array } {
  const count = tree.trace.spans.length;
  const order: number[] = [];
  const walkedParent = new Int32Array(count).fill(-1);
  const queued = new Uint8Array(count);
  // Each span is pushed at most once (guarded by `queued`), so the stack never exceeds the span count.
  const stack = new Int32Array(count);
  let top = 0;

  const walkFrom = (root: number): void => {
    if (root < 0 || root >= count || queued[root]) return;
    queued[root] = 1;
    stack[top++] = root;
    while (top > 0) {
      const spanIndex = stack[--top]!;
      order.push(spanIndex);
      const children = tree.children[spanIndex] ?? [];
      // Pushed in reverse so the earliest child is popped (and listed) first.
      for (let c = children.length - 1; c >= 0; c--) {
        const child = children[c]!;
        if (child < 0 || child >= count || queued[child]) continue;
        queued[child] = 1;
        walkedParent[child] = spanIndex;
        stack[top++] = child;
      }
    }
  };

  for (const root of tree.roots) walkFrom(root);
  if (order.length < count) {
    for (let spanIndex = 0; spanIndex < count; spanIndex++) walkFrom(spanIndex);
  }
  return { order, walkedParent };
}

/** Orphan and has-warnings bits per span index (the error bit is read from the span itself). */
function collectSpanFlags(tree: TraceTree): Uint8Array {
  const spans = tree.trace.spans;
  const flags = new Uint8Array(spans.length);
  for (const orphan of tree.orphans) {
    if (orphan >= 0 && orphan < spans.length) flags[orphan]! |= SpanFlag.Orphan;
  }
  for (const warning of tree.warnings) {
    const at = warning.spanIndex;
    if (at !== undefined && at >= 0 && at < spans.length && warning.code !== 'orphan') {
      flags[at]! |= SpanFlag.HasWarnings;
    }
  }
  for (let spanIndex = 0; spanIndex < spans.length; spanIndex++) {
    if (spans[spanIndex]!.warnings.length > 0) flags[spanIndex]! |= SpanFlag.HasWarnings;
  }
  return flags;
}

/**
 * A span is an error when its status says so. Jaeger and Zipkin data that did not come through an OTLP
 * status may only carry the conventional `error` tag, so that counts too (`true` or the text "true").
 */
export function isErrorSpan(span: Span): boolean {
  if (span.status.code === 'error') return true;
  for (const attribute of span.attributes) {
    if (attribute.key === 'error' && (attribute.value === true || attribute.value === 'true')) return true;
  }
  return false;
}

/** "rootService: rootOperation" of the earliest true root (one whose parent is not merely missing). */
function traceTitle(tree: TraceTree): string {
  const orphans = new Set(tree.orphans);
  const rootIndex = tree.roots.find((root) => !orphans.has(root)) ?? tree.roots[0];
  const root = rootIndex === undefined ? undefined : tree.trace.spans[rootIndex];
  if (root === undefined) return tree.trace.spans.length === 0 ? 'Empty trace' : `Trace ${tree.trace.traceId}`;
  return `${root.service}: ${root.operation}`;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** One sentence per kind of problem, with counts: a trace with 10k orphans gets one line, not 10k. */
const PHRASES: { readonly [K in TreeWarningCode]: (group: readonly TreeWarning[], tree: TraceTree) => string } = {
  orphan: (group) =>
    `${plural(group.length, 'span refers', 'spans refer')} to a parent span that is not in the trace ` +
    '(the trace may be incomplete); they are shown at the top level and marked "orphan".',
  'duplicate-span-id': (group) =>
    `${plural(group.length, 'span has', 'spans have')} the same span id as another span in the trace.`,
  'multiple-roots': (group, tree) =>
    group.length === 1 && group[0]!.spanIndex === undefined && tree.roots.length <= 1
      ? group[0]!.message
      : `The trace has ${tree.roots.length} top-level spans instead of one root; some spans may be missing.`,
  cycle: (group) =>
    `${plural(group.length, 'span is', 'spans are')} part of a parent cycle; the cycle was broken to draw the tree.`,
  'clock-skew': (group) =>
    (group.length === 1
      ? '1 span starts before its parent or ends after it'
      : `${group.length} spans start before their parent or end after it`) +
    ', probably clock skew between hosts; times are shown as received.',
  'span-warning': (group) =>
    `${plural(group.length, 'span has', 'spans have')} warnings of its own; select a span marked with a warning sign to read them.`,
};

function phraseTreeWarnings(tree: TraceTree): string[] {
  const groups = new Map<TreeWarningCode, TreeWarning[]>();
  for (const warning of tree.warnings) {
    const group = groups.get(warning.code);
    if (group) group.push(warning);
    else groups.set(warning.code, [warning]);
  }
  return [...groups].map(([code, group]) => PHRASES[code](group, tree));
}

/** Assigns each distinct string a small index, in order of first use. */
class Interner {
  readonly values: string[] = [];
  private readonly indexByValue = new Map<string, number>();

  indexOf(value: string): number {
    let index = this.indexByValue.get(value);
    if (index === undefined) {
      index = this.values.length;
      this.values.push(value);
      this.indexByValue.set(value, index);
    }
    return index;
  }
}
