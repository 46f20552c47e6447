/**
 * Folding by level and by subtree, on the collapsed-span bytes the waterfall keeps (1 = collapsed), by
 * display index. `rows` are the rows shown now (span display indices; negative entries, the "spans
 * hidden" rows of spanFilters.ts, are ignored), so "one level" means one level of what the user sees.
 */
import type { SpanColumns } from '../protocol/traceView';

/** Expands every shown span at the shallowest depth that has a collapsed span. False when none was. */
export function expandOneLevel(spans: Pick<SpanColumns, 'depth'>, collapsed: Uint8Array, rows: ArrayLike<number>): boolean {
  let level = Infinity;
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k]!;
    if (row >= 0 && collapsed[row] === 1) level = Math.min(level, spans.depth[row]!);
  }
  if (level === Infinity) return false;
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k]!;
    if (row >= 0 && spans.depth[row] === level) collapsed[row] = 0;
  }
  return true;
}

/** Collapses every shown span with children at the deepest depth that has an expanded one. False when none. */
export function collapseOneLevel(spans: Pick<SpanColumns, 'depth'>, childCount: Int32Array, collapsed: Uint8Array, rows: ArrayLike<number>): boolean {
  let level = -1;
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k]!;
    if (row >= 0 && childCount[row]! > 0 && collapsed[row] === 0) level = Math.max(level, spans.depth[row]!);
  }
  if (level < 0) return false;
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k]!;
    if (row >= 0 && childCount[row]! > 0 && spans.depth[row] === level) collapsed[row] = 1;
  }
  return true;
}

/** Collapses or expands span `displayIndex` and every span below it (its subtree is a contiguous range). */
export function setSubtreeCollapsed(childCount: Int32Array, subtreeSize: Int32Array, collapsed: Uint8Array, displayIndex: number, collapse: boolean): void {
  const end = displayIndex + (subtreeSize[displayIndex] ?? 1);
  for (let i = displayIndex; i < end; i++) if (childCount[i]! > 0) collapsed[i] = collapse ? 1 : 0;
}
