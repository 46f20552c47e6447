/**
 * The critical path: the chain of work that determined the trace's end-to-end time, as Jaeger UI computes
 * it. Walking back from the root's end, the child that finished last (before the point reached so far) was
 * what the parent waited for; its own critical path is followed, then the walk continues before it started.
 * Time not covered by such a child is the parent's own work on the path.
 *
 * Works on the columnar view model (display indices) and an explicit stack: chains can be thousands deep.
 */
import type { SpanColumns } from '../protocol/traceView';

/** A stretch of one span's bar that lies on the critical path. */
export interface CriticalSegment {
  readonly spanIndex: number;
  /** Microseconds from the trace start. */
  readonly startUs: number;
  readonly endUs: number;
}

export interface CriticalPath {
  readonly segments: readonly CriticalSegment[];
  /** `onPath[i] === 1` when some part of span i is on the path. */
  readonly onPath: Uint8Array;
}

/** Children of every span, in display order (by start time), as one flat array plus offsets. */
export function childLists(parent: readonly number[]): { readonly offsets: Int32Array; readonly children: Int32Array } {
  const count = parent.length;
  const offsets = new Int32Array(count + 1);
  for (const p of parent) if (p >= 0) offsets[p + 1]!++;
  for (let i = 0; i < count; i++) offsets[i + 1]! += offsets[i]!;
  const fill = offsets.slice(0, count);
  const children = new Int32Array(offsets[count]!);
  for (let i = 0; i < count; i++) {
    const p = parent[i]!;
    if (p >= 0) children[fill[p]!++] = i;
  }
  return { offsets, children };
}

/**
 * The critical path of the root that ends last (ties: the first). `startOffsetUs` may be the clock-skew
 * adjusted column; it defaults to `spans.startOffsetUs`.
 */
export function criticalPath(
  spans: Pick<SpanColumns, 'parent' | 'durationUs' | 'startOffsetUs'>,
  startOffsetUs: ArrayLike<number> = spans.startOffsetUs,
): CriticalPath {
  const count = spans.parent.length;
  const onPath = new Uint8Array(count);
  const segments: CriticalSegment[] = [];
  const end = (i: number): number => startOffsetUs[i]! + spans.durationUs[i]!;
  let root = -1;
  for (let i = 0; i < count; i++) if (spans.parent[i]! < 0 && (root < 0 || end(i) > end(root))) root = i;
  if (root < 0) return { segments, onPath };

  const { offsets, children } = childLists(spans.parent);
  // Each entry: a span and the time (µs) its part of the path must end by.
  const stack: [number, number][] = [[root, end(root)]];
  while (stack.length > 0) {
    const [span, until] = stack.pop()!;
    const spanStart = startOffsetUs[span]!;
    let cursor = Math.min(until, end(span));
    onPath[span] = 1;
    // Children sorted by end time, latest first; children starting after the cursor did not delay it.
    const kids = Array.from(children.subarray(offsets[span]!, offsets[span + 1]!)).sort((a, b) => end(b) - end(a));
    for (const child of kids) {
      if (cursor <= spanStart) break;
      const childStart = Math.max(startOffsetUs[child]!, spanStart);
      const childEnd = Math.min(end(child), cursor);
      if (childEnd <= childStart || childStart >= cursor) continue;
      if (cursor > childEnd) segments.push({ spanIndex: span, startUs: childEnd, endUs: cursor });
      stack.push([child, childEnd]);
      cursor = childStart;
    }
    if (cursor > spanStart) segments.push({ spanIndex: span, startUs: spanStart, endUs: cursor });
  }
  segments.sort((a, b) => a.spanIndex - b.spanIndex || a.startUs - b.startUs);
  return { segments, onPath };
}
