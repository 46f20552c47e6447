/**
 * A trace's spans → a forest (parent/children index arrays), tolerating what real traces contain: several
 * roots, spans whose parent never arrived, duplicate span ids, reference cycles, skewed clocks. Each is
 * kept and reported as a {@link TreeWarning}, never refused.
 *
 * Cost: O(n log n) for one sort by start time, everything else linear; no recursion, so a 100k-deep chain
 * is as safe as a flat trace.
 */
import type { Span, SpanKind, Trace, TraceTree, TreeWarning } from './model';
import { SpanIdIndex } from './spanIdIndex';

/**
 * Builds the tree of one trace. Parents are found by `parentSpanId`; a Zipkin shared server half goes
 * directly under the client half with the same id, and the spans naming that id as parent go under the
 * server half (they ran in the server's process), as Zipkin Lens shows them.
 */
export function buildTraceTree(trace: Trace): TraceTree {
  const spans = trace.spans;
  const n = spans.length;
  const warnings: TreeWarning[] = [];

  // Pass 1 over the spans: times into flat arrays (the later steps then touch only arrays, not 100k
  // scattered objects), and the id index. Shared server halves are indexed apart so the pair is not a
  // duplicate.
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  let startUs = Infinity;
  let endUs = -Infinity;
  let lastStart = -Infinity;
  let maxStart = -Infinity;
  let inStartOrder = true;
  const byId = new SpanIdIndex(spans, n);
  let serverHalfById: SpanIdIndex | undefined;
  for (let i = 0; i < n; i++) {
    const span = spans[i]!;
    const start = span.startUs;
    const end = start + span.durationUs;
    starts[i] = start;
    ends[i] = end;
    if (start < startUs) startUs = start;
    if (end > endUs) endUs = end;
    if (start < lastStart) inStartOrder = false;
    if (start > maxStart) maxStart = start;
    lastStart = start;
    const index = span.sharedServerHalf ? (serverHalfById ??= new SpanIdIndex(spans, n)) : byId;
    if (index.add(i) !== i) {
      warnings.push({
        code: 'duplicate-span-id',
        message: `span id ${span.spanId} appears more than once (${describe(span)}); both are shown`,
        spanIndex: i,
      });
    }
  }
  if (n === 0) startUs = endUs = 0;

  // Pass 2: parents, and the spans' own warnings.
  const parent = new Array<number>(n).fill(-1);
  const orphans: number[] = [];
  for (let i = 0; i < n; i++) {
    const span = spans[i]!;
    for (const warning of span.warnings) {
      warnings.push({ code: 'span-warning', message: `${describe(span)}: ${warning}`, spanIndex: i });
    }
    if (span.sharedServerHalf) {
      const client = byId.get(span.spanId);
      if (client >= 0 && client !== i) {
        parent[i] = client;
        continue;
      }
    }
    const parentId = span.parentSpanId;
    if (parentId === undefined) continue;
    const serverHalf = serverHalfById === undefined ? -1 : serverHalfById.get(parentId);
    const found = serverHalf >= 0 ? serverHalf : byId.get(parentId);
    if (found < 0) {
      orphans.push(i);
      warnings.push({
        code: 'orphan',
        message: `the parent ${parentId} of ${describe(span)} is not in the trace; shown as a root`,
        spanIndex: i,
      });
    } else if (found === i) {
      warnings.push({ code: 'cycle', message: `${describe(span)} names itself as its parent; shown as a root`, spanIndex: i });
    } else {
      parent[i] = found;
    }
  }

  breakCycles(spans, parent, warnings);

  const order = inStartOrder ? identityOrder(n) : orderByStart(starts, startUs, maxStart);
  // Leaves (most spans) share one empty list; a span gets its own list with its first child.
  const children = new Array<number[]>(n).fill(NO_CHILDREN);
  const roots: number[] = [];
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const p = parent[i]!;
    if (p < 0) roots.push(i);
    else if (children[p] === NO_CHILDREN) children[p] = [i];
    else children[p]!.push(i);
  }
  if (roots.length > 1) {
    warnings.push({
      code: 'multiple-roots',
      message: `the trace has ${roots.length} root spans${orphans.length > 0 ? ` (${orphans.length} of them orphans)` : ''}`,
    });
  }

  for (let i = 0; i < n; i++) {
    const p = parent[i]!;
    // Compared on the flat arrays; the span objects are read only for the rare suspicious pair.
    if (p >= 0 && (starts[i]! < starts[p]! || ends[i]! > ends[p]!)) checkClockSkew(spans[p]!, spans[i]!, i, warnings);
  }

  return { trace, roots, children, parent, orphans, startUs, endUs, warnings };
}

const NO_CHILDREN: number[] = Object.freeze([]) as unknown as number[];

function identityOrder(n: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}

/**
 * Span indices by (start, order received). One sort orders every child list and the roots at once
 * (skipped by the caller when the spans already arrive in start order, as many exporters write them).
 * `min`/`max`: the smallest and largest start.
 */
function orderByStart(starts: Float64Array, min: number, max: number): Int32Array {
  const n = starts.length;
  const order = new Int32Array(n);
  // Fast path: pack (start offset, index) into one exact double and use the native numeric sort, which
  // is several times faster than a comparator; possible while offset * 2^indexBits stays below 2^53
  // (e.g. 500k spans within ~4 hours).
  const indexBits = Math.max(1, Math.ceil(Math.log2(n)));
  const scale = 2 ** indexBits;
  if ((max - min + 1) * scale <= Number.MAX_SAFE_INTEGER) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = (starts[i]! - min) * scale + i;
    keys.sort();
    for (let k = 0; k < n; k++) order[k] = keys[k]! % scale;
    return order;
  }
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((x, y) => starts[x]! - starts[y]! || x - y);
  return order;
}

/**
 * Follows parent links from every span, marking the walk; reaching a span of the current walk again means
 * a cycle, broken by making the span where it closed a root. Each span is walked once: O(n).
 */
function breakCycles(spans: readonly Span[], parent: number[], warnings: TreeWarning[]): void {
  const n = spans.length;
  // 0: not visited; w > 0: visited by walk w (walks that ended without a cycle stay marked: reaching them is safe).
  const walkOf = new Int32Array(n);
  let walk = 0;
  for (let start = 0; start < n; start++) {
    if (walkOf[start] !== 0) continue;
    walk++;
    let i = start;
    while (i >= 0 && walkOf[i] === 0) {
      walkOf[i] = walk;
      i = parent[i]!;
    }
    if (i >= 0 && walkOf[i] === walk) {
      // `i` is on the cycle just closed: cut the edge from it to its parent.
      const span = spans[i]!;
      warnings.push({
        code: 'cycle',
        message: `${describe(span)} is its own ancestor through its parents; the loop is cut there and it is shown as a root`,
        spanIndex: i,
      });
      parent[i] = -1;
    }
  }
}

/** Kinds whose children routinely outlive them (fire-and-forget messaging). */
const ASYNC_KINDS: ReadonlySet<SpanKind> = new Set<SpanKind>(['producer', 'consumer']);

/**
 * Flags, never fixes: a child that starts before its parent, or that ends after it when the call is
 * synchronous (asynchronous producer/consumer and follows-from children legitimately outlive parents)
 * and the parent's duration is known.
 */
function checkClockSkew(parentSpan: Span, child: Span, childIndex: number, warnings: TreeWarning[]): void {
  if (child.startUs < parentSpan.startUs) {
    warnings.push({
      code: 'clock-skew',
      message: `${describe(child)} starts ${parentSpan.startUs - child.startUs} µs before its parent ${describe(parentSpan)} (clock skew?)`,
      spanIndex: childIndex,
    });
    return;
  }
  const childEnd = child.startUs + child.durationUs;
  const parentEnd = parentSpan.startUs + parentSpan.durationUs;
  if (childEnd <= parentEnd || ASYNC_KINDS.has(child.kind) || ASYNC_KINDS.has(parentSpan.kind)) return;
  // A zero-length parent almost always means its duration was not reported (Zipkin's unfinished halves).
  if (parentSpan.durationUs === 0) return;
  if (isFollowsFrom(child)) return;
  warnings.push({
    code: 'clock-skew',
    message: `${describe(child)} ends ${childEnd - parentEnd} µs after its parent ${describe(parentSpan)} (clock skew?)`,
    spanIndex: childIndex,
  });
}

function isFollowsFrom(span: Span): boolean {
  for (const ref of span.references) {
    if (ref.spanId === span.parentSpanId) return ref.type === 'follows-from';
  }
  return false;
}

function describe(span: Span): string {
  return `${span.service}: ${span.operation} (${span.spanId})`;
}
