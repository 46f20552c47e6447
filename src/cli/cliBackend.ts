/**
 * Opens the trace backend named on the command line, the same way the editor does: probe on `--kind auto`,
 * else a client of the named kind. The bearer token comes from an environment variable so it never
 * appears in the shell history or the process list.
 */
import { apiOfChoice } from '../core/backendChoice';
import { buildTraceTree } from '../core/buildTree';
import type { Trace } from '../core/model';
import { summarizeTrace } from '../core/traceSummary';
import type { BackendFailure, BackendResult, ConnectionOptions, TraceBackend, TraceHitSummary } from '../jaeger/backendTypes';
import { createBackend, openBackend } from '../jaeger/probeBackend';
import type { ConnectionArgs } from './backendArgs';
import { ExitCode, type CliIo } from './cliIo';

/** The process environment, or a test's stand-in. */
export type CliEnv = Readonly<Record<string, string | undefined>>;

export async function connectCliBackend(connection: ConnectionArgs, env: CliEnv): Promise<BackendResult<TraceBackend>> {
  const token = env[connection.tokenEnv];
  const options: ConnectionOptions = {
    baseUrl: connection.url,
    headers: connection.headers,
    ...(token === undefined || token === '' ? {} : { bearerToken: token }),
  };
  const api = apiOfChoice(connection.kind);
  return api === undefined ? openBackend(options) : { ok: true, value: createBackend(options, api) };
}

/** Prints a backend failure (its message is already redacted) and returns the exit code for it. */
export function reportBackendFailure(io: CliIo, failure: BackendFailure): ExitCode {
  io.stderr(`trace-lens: ${failure.message}\n`);
  return ExitCode.BackendFailed;
}

/** One trace in the JSON output of `search` and `get --format json`. The shape is documented in `--help`. */
export interface CliTraceSummary {
  readonly traceId: string;
  /** RFC 3339 in UTC with microseconds, e.g. "2023-11-14T22:13:20.000123Z". */
  readonly startTime: string;
  readonly durationUs: number;
  readonly rootService: string;
  readonly rootOperation: string;
  /** null when the backend does not say (Tempo). */
  readonly spans: number | null;
  readonly errors: number | null;
}

export function cliSummaryOfHit(hit: TraceHitSummary): CliTraceSummary {
  return {
    traceId: hit.traceId,
    startTime: rfc3339Micros(hit.startUs),
    durationUs: hit.durationUs,
    rootService: hit.rootService,
    rootOperation: hit.rootOperation,
    spans: hit.spanCount ?? null,
    errors: hit.errorCount ?? null,
  };
}

export function cliSummaryOfTrace(trace: Trace): CliTraceSummary {
  return cliSummaryOfHit(summarizeTrace(buildTraceTree(trace)));
}

/** µs since the epoch → "2023-11-14T22:13:20.000123Z". */
export function rfc3339Micros(us: number): string {
  const ms = Math.floor(us / 1000);
  const extra = String(Math.floor(us) - ms * 1000).padStart(3, '0');
  return new Date(ms).toISOString().replace('Z', `${extra}Z`);
}
