/**
 * A trace's spans → a forest (parent/children index arrays), tolerating what real traces contain: several
 * roots, spans whose parent never arrived, duplicate span ids, reference cycles, skewed clocks. Each is
 * kept and reported as a {@link TreeWarning}, never refused.
 *
 * Cost: linear, plus sorting each child list by start time (O(n log n) only when one list holds most of the
 * spans out of order); no recursion, so a 100k-deep chain is as safe as a flat trace.
 */
import type { Span, SpanKind, Trace, TraceTree, TreeWarning } from './model';
import { SpanIdIndex, readHexSpanId } from './spanIdIndex';

/**
 * Builds the tree of one trace. Parents are found by `parentSpanId`; a Zipkin shared server half goes
 * directly under the client half with the same id, and the spans naming that id as parent go under the
 * server half (they ran in the server's process), as Zipkin Lens shows them.
 */
export function buildTraceTree(trace: Trace): TraceTree {
  const spans = trace.spans;
  const n = spans.length;
  const warnings: TreeWarning[] = [];

  // Pass 1, the only one that reads the span objects (100k objects and their id strings, scattered over
  // the heap, cost a cache miss each): times into flat arrays, each span's id into the index, its parent id
  // as a 64-bit key, and flags for the rare cases. Shared server halves are indexed apart so the pair is
  // not a duplicate.
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  const parentKeys = new Int32Array(2 * n);
  const facts = new Uint8Array(n);
  let startUs = Infinity;
  let endUs = -Infinity;
  let lastStart = -Infinity;
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
    lastStart = start;
    const parentId = span.parentSpanId;
    let fact = parentId === undefined ? NO_PARENT : readHexSpanId(parentId, parentKeys, 2 * i) ? HEX_PARENT : OTHER_PARENT;
    if (span.warnings.length > 0) fact |= HAS_WARNINGS;
    let index = byId;
    if (span.sharedServerHalf === true) {
      fact |= SHARED_SERVER_HALF;
      index = serverHalfById ??= new SpanIdIndex(spans, n);
    }
    facts[i] = fact;
    if (index.addId(span.spanId, i) !== i) {
      warnings.push({
        code: 'duplicate-span-id',
        message: `span id ${span.spanId} appears more than once (${describe(span)}); both are shown`,
        spanIndex: i,
      });
    }
  }
  if (n === 0) startUs = endUs = 0;

  // Pass 2: parents, and the spans' own warnings. Span objects are read again only for the rare cases.
  const parent = new Array<number>(n).fill(-1);
  const orphans: number[] = [];
  for (let i = 0; i < n; i++) {
    const fact = facts[i]!;
    if ((fact & HAS_WARNINGS) !== 0) {
      const span = spans[i]!;
      for (const warning of span.warnings) {
        warnings.push({ code: 'span-warning', message: `${describe(span)}: ${warning}`, spanIndex: i });
      }
    }
    if ((fact & SHARED_SERVER_HALF) !== 0) {
      const client = byId.get(spans[i]!.spanId);
      if (client >= 0 && client !== i) {
        parent[i] = client;
        continue;
      }
    }
    const parentKind = fact & PARENT_KIND;
    if (parentKind === NO_PARENT) continue;
    let found: number;
    if (parentKind === HEX_PARENT) {
      const high = parentKeys[2 * i]!;
      const low = parentKeys[2 * i + 1]!;
      const serverHalf = serverHalfById === undefined ? -1 : serverHalfById.getHex(high, low);
      found = serverHalf >= 0 ? serverHalf : byId.getHex(high, low);
    } else {
      const parentId = spans[i]!.parentSpanId!;
      const serverHalf = serverHalfById === undefined ? -1 : serverHalfById.get(parentId);
      found = serverHalf >= 0 ? serverHalf : byId.get(parentId);
    }
    if (found < 0) {
      const span = spans[i]!;
      orphans.push(i);
      warnings.push({
        code: 'orphan',
        message: `the parent ${String(span.parentSpanId)} of ${describe(span)} is not in the trace; shown as a root`,
        spanIndex: i,
      });
    } else if (found === i) {
      warnings.push({ code: 'cycle', message: `${describe(spans[i]!)} names itself as its parent; shown as a root`, spanIndex: i });
    } else {
      parent[i] = found;
    }
  }

  breakCycles(spans, parent, warnings);

  // Lists are filled in the order received, then each is put in start order (ties keep that order). Most
  // lists are short or already sorted, so this is nearly linear, where one sort of all n spans was not.
  // Leaves (most spans) share one empty list; a span gets its own list with its first child.
  const children = new Array<number[]>(n).fill(NO_CHILDREN);
  const roots: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = parent[i]!;
    if (p < 0) roots.push(i);
    else if (children[p] === NO_CHILDREN) children[p] = [i];
    else children[p]!.push(i);
  }
  if (!inStartOrder) {
    sortByStart(roots, starts);
    for (let i = 0; i < n; i++) if (children[i]!.length > 1) sortByStart(children[i]!, starts);
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

// Per-span facts gathered in pass 1 (one byte each): the kind of parent id, and flags.
const PARENT_KIND = 3;
const NO_PARENT = 0;
/** The parent id is 16 lowercase hex characters, kept as two int32 words in `parentKeys`. */
const HEX_PARENT = 1;
/** Any other (opaque) parent id, looked up as a string. */
const OTHER_PARENT = 2;
const HAS_WARNINGS = 4;
const SHARED_SERVER_HALF = 8;

const NO_CHILDREN: number[] = Object.freeze([]) as unknown as number[];

/** Below this length a list is sorted by insertion: no allocation, and linear on nearly sorted input. */
const INSERTION_SORT_MAX = 32;

/**
 * Sorts span indices in place by (start, index), i.e. by start time with ties in the order received.
 * `starts[i]`: the start of span i.
 */
function sortByStart(list: number[], starts: Float64Array): void {
  const length = list.length;
  let sorted = true;
  for (let k = 1; k < length && sorted; k++) sorted = starts[list[k - 1]!]! <= starts[list[k]!]!;
  if (sorted) return;
  if (length <= INSERTION_SORT_MAX) {
    for (let k = 1; k < length; k++) {
      const item = list[k]!;
      const start = starts[item]!;
      let j = k - 1;
      while (j >= 0 && (starts[list[j]!]! > start || (starts[list[j]!]! === start && list[j]! > item))) {
        list[j + 1] = list[j]!;
        j--;
      }
      list[j + 1] = item;
    }
    return;
  }
  let min = Infinity;
  let max = -Infinity;
  let maxIndex = 0;
  for (let k = 0; k < length; k++) {
    const item = list[k]!;
    const start = starts[item]!;
    if (start < min) min = start;
    if (start > max) max = start;
    if (item > maxIndex) maxIndex = item;
  }
  // Fast path: pack (start offset, index) into one exact double and use the native numeric sort, which
  // is several times faster than a comparator; possible while offset * 2^indexBits stays below 2^53
  // (e.g. 500k spans within ~4 hours).
  const scale = 2 ** Math.max(1, Math.ceil(Math.log2(maxIndex + 1)));
  if ((max - min + 1) * scale <= Number.MAX_SAFE_INTEGER) {
    const keys = new Float64Array(length);
    for (let k = 0; k < length; k++) keys[k] = (starts[list[k]!]! - min) * scale + list[k]!;
    keys.sort();
    for (let k = 0; k < length; k++) list[k] = keys[k]! % scale;
    return;
  }
  list.sort((x, y) => starts[x]! - starts[y]! || x - y);
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
