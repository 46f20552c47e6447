/**
 * A least-recently-used cache bounded by entry count and by total weight (e.g. span count, so that a few
 * 200k-span traces cannot pin gigabytes in the extension host). Uses a Map's insertion order as the
 * recency list: O(1) get, set and eviction.
 */
export interface LruCacheOptions<V> {
  /** Most entries kept, >= 1. */
  readonly maxEntries: number;
  /** Most total weight kept. An entry heavier than this on its own is not cached at all. Default: unbounded. */
  readonly maxWeight?: number;
  /** Weight of one value, >= 0. Default: 1 per entry. */
  readonly weigh?: (value: V) => number;
}

export class LruCache<K, V> {
  private readonly entries = new Map<K, { readonly value: V; readonly weight: number }>();
  private weight = 0;

  constructor(private readonly options: LruCacheOptions<V>) {
    if (!(options.maxEntries >= 1)) throw new RangeError(`maxEntries must be at least 1, not ${options.maxEntries}`);
  }

  /** The value, now the most recently used; undefined when absent. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Whether `key` is cached, without changing its recency. */
  has(key: K): boolean {
    return this.entries.has(key);
  }

  /**
   * Stores `value` as the most recently used, evicting the least recently used entries until both limits
   * hold. Returns false (and caches nothing) when the value alone is heavier than `maxWeight`.
   */
  set(key: K, value: V): boolean {
    this.delete(key);
    const weight = this.options.weigh?.(value) ?? 1;
    const maxWeight = this.options.maxWeight ?? Infinity;
    if (weight > maxWeight) return false;
    this.entries.set(key, { value, weight });
    this.weight += weight;
    for (const [oldestKey, oldest] of this.entries) {
      if (this.entries.size <= this.options.maxEntries && this.weight <= maxWeight) break;
      this.entries.delete(oldestKey);
      this.weight -= oldest.weight;
    }
    return true;
  }

  delete(key: K): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    this.entries.delete(key);
    this.weight -= entry.weight;
    return true;
  }

  clear(): void {
    this.entries.clear();
    this.weight = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Sum of the weights of the cached values. */
  get totalWeight(): number {
    return this.weight;
  }

  /** Keys from least to most recently used. */
  keys(): K[] {
    return [...this.entries.keys()];
  }
}
