/**
 * Flags and arguments of the commands that talk to a trace backend (`search`, `get`): parsed and checked
 * here, before any request is sent. Every mistake becomes a `usage-error`, never an exception.
 */
import { BACKEND_KIND_CHOICES, isBackendKindChoice, type BackendKindChoice } from '../core/backendChoice';
import type { TraceId } from '../core/model';
import { parseDurationUs } from '../core/searchCriteria';
import { traceIdFromToken } from '../core/traceIdInput';
import { MAX_SEARCH_LIMIT } from '../protocol/searchMessages';

/** `parseArgs` options shared by `search` and `get` (declared for every command so strict parsing accepts them). */
export const BACKEND_FLAG_OPTIONS = {
  url: { type: 'string' },
  header: { type: 'string', multiple: true },
  'token-env': { type: 'string' },
  kind: { type: 'string' },
  service: { type: 'string' },
  operation: { type: 'string' },
  lookback: { type: 'string' },
  limit: { type: 'string' },
} as const;

export interface BackendFlagValues {
  url?: string;
  header?: string[];
  'token-env'?: string;
  kind?: string;
  service?: string;
  operation?: string;
  lookback?: string;
  limit?: string;
  format?: string;
  to?: string;
  out?: string;
}

/** Where the backend is and how to authenticate. The token itself is read from the environment when the command runs. */
export interface ConnectionArgs {
  readonly url: string;
  /** From `--header "Name: value"` (repeatable). */
  readonly headers: Readonly<Record<string, string>>;
  /** The environment variable holding the bearer token. */
  readonly tokenEnv: string;
  readonly kind: BackendKindChoice;
}

export const DEFAULT_TOKEN_ENV = 'TRACE_LENS_TOKEN';
const DEFAULT_LOOKBACK = '1h';
const DEFAULT_LIMIT = 20;

export interface SearchArgs {
  readonly connection: ConnectionArgs;
  readonly service: string;
  readonly operation?: string;
  /** Microseconds before now. */
  readonly lookbackUs: number;
  /** As typed, for messages: `2h`. */
  readonly lookbackText: string;
  readonly limit: number;
  readonly output: 'text' | 'json';
}

export type GetFormat = 'jaeger' | 'otlp' | 'zipkin' | 'json';

export interface GetArgs {
  readonly connection: ConnectionArgs;
  /** Normalized, without repeats. */
  readonly traceIds: readonly TraceId[];
  readonly format: GetFormat;
}

type UsageError = { readonly kind: 'usage-error'; readonly message: string };
const usageError = (message: string): UsageError => ({ kind: 'usage-error', message });

/** Flags that only `search` and `get` accept; the first one set, for the error of another command. */
export function firstBackendFlag(values: BackendFlagValues): string | undefined {
  return Object.keys(BACKEND_FLAG_OPTIONS).find((flag) => values[flag as keyof typeof BACKEND_FLAG_OPTIONS] !== undefined);
}

/** `trace-lens search --url URL --service S [--operation O] [--lookback 1h] [--limit N] [--format text|json]`. */
export function parseSearchArgs(values: BackendFlagValues, positionals: readonly string[]): ({ readonly kind: 'search' } & SearchArgs) | UsageError {
  if (positionals.length > 0) return usageError(`search: unexpected argument "${positionals[0]}" (use --service and --operation)`);
  if (values.to !== undefined || values.out !== undefined) return usageError('search: --to and --out belong to convert');
  const connection = parseConnection('search', values);
  if ('message' in connection) return connection;
  if (values.service === undefined || values.service.trim() === '') return usageError('search: --service is required');
  const lookbackText = values.lookback ?? DEFAULT_LOOKBACK;
  const lookbackUs = parseDurationUs(lookbackText);
  if (lookbackUs === undefined || lookbackUs <= 0) return usageError(`search: --lookback must be a duration such as 30m, 2h or 7d, not "${values.lookback}"`);
  const limit = Number(values.limit ?? DEFAULT_LIMIT);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) return usageError(`search: --limit must be a whole number from 1 to ${MAX_SEARCH_LIMIT}, not "${values.limit}"`);
  const output = values.format ?? 'text';
  if (output !== 'text' && output !== 'json') return usageError(`search: --format must be text or json, not "${output}"`);
  return {
    kind: 'search', connection, service: values.service.trim(), lookbackUs, lookbackText, limit, output,
    ...(values.operation === undefined || values.operation === '' ? {} : { operation: values.operation }),
  };
}

const GET_FORMATS: readonly GetFormat[] = ['jaeger', 'otlp', 'zipkin', 'json'];

/** `trace-lens get <traceId…> --url URL [--format jaeger|otlp|zipkin|json]`. */
export function parseGetArgs(values: BackendFlagValues, positionals: readonly string[]): ({ readonly kind: 'get' } & GetArgs) | UsageError {
  for (const flag of ['service', 'operation', 'lookback', 'limit'] as const) {
    if (values[flag] !== undefined) return usageError(`get: --${flag} belongs to search`);
  }
  if (values.to !== undefined || values.out !== undefined) return usageError('get: --to and --out belong to convert; use --format');
  const connection = parseConnection('get', values);
  if ('message' in connection) return connection;
  if (positionals.length === 0) return usageError('get: no trace id given');
  const traceIds: TraceId[] = [];
  for (const text of positionals) {
    const id = traceIdFromToken(text.trim());
    if (id === undefined) return usageError(`get: "${text}" is not a trace id (32 or 16 hex characters, or base64)`);
    if (!traceIds.includes(id)) traceIds.push(id);
  }
  const format = GET_FORMATS.find((candidate) => candidate === (values.format ?? 'jaeger'));
  if (format === undefined) return usageError(`get: --format must be jaeger, otlp, zipkin or json, not "${values.format}"`);
  return { kind: 'get', connection, traceIds, format };
}

function parseConnection(command: string, values: BackendFlagValues): ConnectionArgs | UsageError {
  if (values.url === undefined || values.url === '') return usageError(`${command}: --url is required (the trace backend's query URL, e.g. http://localhost:16686)`);
  let url: URL;
  try {
    url = new URL(values.url);
  } catch {
    return usageError(`${command}: --url "${values.url}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return usageError(`${command}: --url must start with http:// or https://`);
  const headers: Record<string, string> = {};
  for (const header of values.header ?? []) {
    const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):\s*(.*)$/.exec(header);
    // Never echo the text: it may be a secret typed in the wrong shape.
    if (match === null) return usageError(`${command}: --header must look like "Name: value"`);
    headers[match[1]!] = match[2]!.trim();
  }
  const kind = values.kind ?? 'auto';
  if (!isBackendKindChoice(kind)) return usageError(`${command}: --kind must be one of ${BACKEND_KIND_CHOICES.join(', ')}, not "${kind}"`);
  const tokenEnv = values['token-env'] ?? DEFAULT_TOKEN_ENV;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(tokenEnv)) return usageError(`${command}: --token-env must name an environment variable, not "${tokenEnv}"`);
  return { url: values.url, headers, tokenEnv, kind };
}
