import type { Trace } from '../core/model';
import type { GetArgs } from './backendArgs';
import { cliSummaryOfTrace, connectCliBackend, type CliEnv } from './cliBackend';
import { ExitCode, type CliIo } from './cliIo';
import { writeTraces } from './convertCommand';

/**
 * `trace-lens get <traceId…> --url URL [--format jaeger|otlp|zipkin|json]`: fetches each trace and prints
 * them together as one line of JSON, in the wire format asked for (`json`: one summary per trace, as
 * `search` prints them). Traces that cannot be fetched are reported on stderr; the others are still printed.
 */
export async function runGet(io: CliIo, args: GetArgs, env: CliEnv): Promise<ExitCode> {
  const opened = await connectCliBackend(args.connection, env);
  if (!opened.ok) {
    io.stderr(`trace-lens: ${opened.message}\n`);
    return ExitCode.BackendFailed;
  }
  const backend = opened.value;
  const traces: Trace[] = [];
  let failed = false;
  try {
    for (const traceId of args.traceIds) {
      const fetched = await backend.getTrace(traceId);
      if (fetched.ok) {
        traces.push(fetched.value);
        continue;
      }
      failed = true;
      io.stderr(`trace-lens: ${fetched.reason === 'not-found' ? `trace ${traceId} was not found on ${backend.displayUrl}` : fetched.message}\n`);
      // The same failure would repeat for every other id.
      if (fetched.reason !== 'not-found') return ExitCode.BackendFailed;
    }
  } finally {
    await backend.close();
  }
  if (traces.length > 0) {
    const document = args.format === 'json' ? { traces: traces.map(cliSummaryOfTrace) } : writeTraces(traces, args.format);
    io.stdout(`${JSON.stringify(document)}\n`);
  }
  return failed ? ExitCode.BackendFailed : ExitCode.Ok;
}
