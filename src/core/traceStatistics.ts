/**
 * The statistics table: spans grouped by service or by service + operation, with count, total, average,
 * minimum and maximum duration, and total self time (see selfTime.ts). All times in microseconds.
 */
import { SpanFlag, type TraceViewModel } from '../protocol/traceView';

export type StatisticsGrouping = 'service' | 'operation';

export interface StatisticsRow {
  /** "service" or "service: operation". */
  readonly name: string;
  readonly count: number;
  readonly errorCount: number;
  readonly totalUs: number;
  readonly averageUs: number;
  readonly minUs: number;
  readonly maxUs: number;
  readonly selfTotalUs: number;
}

/** Rows sorted by total self time, largest first (where the time went), then by name. */
export function traceStatistics(view: TraceViewModel, selfTimeUs: ArrayLike<number>, grouping: StatisticsGrouping): StatisticsRow[] {
  const spans = view.spans;
  const groups = new Map<string, { count: number; errorCount: number; totalUs: number; minUs: number; maxUs: number; selfTotalUs: number }>();
  for (let i = 0; i < spans.parent.length; i++) {
    const service = view.services[spans.serviceIndex[i]!] ?? '';
    const name = grouping === 'service' ? service : `${service}: ${view.operations[spans.operationIndex[i]!] ?? ''}`;
    const duration = spans.durationUs[i]!;
    const group = groups.get(name);
    const isError = (spans.flags[i]! & SpanFlag.Error) !== 0 ? 1 : 0;
    if (group) {
      group.count++;
      group.errorCount += isError;
      group.totalUs += duration;
      group.minUs = Math.min(group.minUs, duration);
      group.maxUs = Math.max(group.maxUs, duration);
      group.selfTotalUs += selfTimeUs[i]!;
    } else {
      groups.set(name, { count: 1, errorCount: isError, totalUs: duration, minUs: duration, maxUs: duration, selfTotalUs: selfTimeUs[i]! });
    }
  }
  return [...groups]
    .map(([name, g]) => ({ name, ...g, averageUs: g.totalUs / g.count }))
    .sort((a, b) => b.selfTotalUs - a.selfTotalUs || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
