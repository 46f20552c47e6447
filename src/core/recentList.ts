/**
 * Most-recent-first lists with a length cap, for "recent searches" and "recently opened traces". Pure, so
 * the rules (a repeat moves to the top instead of appearing twice) are tested without VS Code.
 */

/** A new list with `item` first, any earlier entry with the same key removed, at most `max` entries. */
export function pushRecent<T>(list: readonly T[], item: T, keyOf: (entry: T) => string, max: number): T[] {
  const key = keyOf(item);
  return [item, ...list.filter((entry) => keyOf(entry) !== key)].slice(0, Math.max(0, max));
}

/** A recently opened trace, as "Open Trace…" lists it. */
export interface RecentTrace {
  readonly traceId: string;
  /** e.g. "frontend: GET /dispatch". */
  readonly title: string;
  /** Milliseconds since the Unix epoch. */
  readonly openedAtMs: number;
}

/** Entries read back from storage that have the expected shape; anything else (an old version's data) is dropped. */
export function validRecentTraces(stored: unknown): RecentTrace[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter((entry): entry is RecentTrace =>
    typeof entry === 'object' && entry !== null
    && typeof (entry as RecentTrace).traceId === 'string'
    && typeof (entry as RecentTrace).title === 'string'
    && typeof (entry as RecentTrace).openedAtMs === 'number');
}
