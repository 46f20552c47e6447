import { formatDurationUs } from '../core/waterfallLayout';
import type { TraceQuery } from '../jaeger/backendTypes';
import type { SearchArgs } from './backendArgs';
import { cliSummaryOfHit, connectCliBackend, reportBackendFailure, type CliEnv, type CliTraceSummary } from './cliBackend';
import { ExitCode, type CliIo } from './cliIo';

/**
 * `trace-lens search --url URL --service S [--operation O] [--lookback 1h] [--limit N] [--format text|json]`:
 * the traces of the last `lookback` that match, newest first.
 */
export async function runSearch(io: CliIo, args: SearchArgs, env: CliEnv, nowUs = Date.now() * 1000): Promise<ExitCode> {
  const opened = await connectCliBackend(args.connection, env);
  if (!opened.ok) return reportBackendFailure(io, opened);
  const backend = opened.value;
  try {
    const query: TraceQuery = {
      service: args.service,
      ...(args.operation === undefined ? {} : { operation: args.operation }),
      startUs: nowUs - args.lookbackUs,
      endUs: nowUs,
      limit: args.limit,
    };
    const found = await backend.searchTraces(query);
    if (!found.ok) return reportBackendFailure(io, found);
    const traces = found.value.map((hit) => cliSummaryOfHit(hit.summary)).sort((a, b) => (a.startTime < b.startTime ? 1 : a.startTime > b.startTime ? -1 : 0));
    if (args.output === 'json') io.stdout(`${JSON.stringify({ traces })}\n`);
    else io.stdout(describeResults(traces, args));
    return ExitCode.Ok;
  } finally {
    await backend.close();
  }
}

/** One aligned line per trace, after a header line; says so plainly when nothing matched. */
function describeResults(traces: readonly CliTraceSummary[], args: SearchArgs): string {
  const where = `${args.service}${args.operation === undefined ? '' : ` / ${args.operation}`}`;
  if (traces.length === 0) return `no traces for ${where} in the last ${args.lookbackText}\n`;
  const lines = traces.map((trace) => {
    const spans = trace.spans === null ? '' : `${trace.spans} spans`;
    const errors = trace.errors === null || trace.errors === 0 ? '' : `${trace.errors} error${trace.errors === 1 ? '' : 's'}`;
    return [trace.traceId, trace.startTime, formatDurationUs(trace.durationUs).padStart(9), spans.padEnd(11), errors.padEnd(10), `${trace.rootService}: ${trace.rootOperation}`].join('  ');
  });
  const count = traces.length === 1 ? '1 trace' : `${traces.length} traces`;
  const limited = traces.length >= args.limit ? ` (the limit; raise --limit for more)` : '';
  return `${count} for ${where} in the last ${args.lookbackText}${limited}\n${lines.join('\n')}\n`;
}
