import { parseArgs } from 'node:util';
import type { TraceFormat } from '../core/model';
import { BACKEND_FLAG_OPTIONS, firstBackendFlag, parseGetArgs, parseSearchArgs, type BackendFlagValues, type GetArgs, type SearchArgs } from './backendArgs';
import { parseLintArgs, type LintArgs } from './lintCommand';
import type { MapOutput } from './mapCommand';
import { FORWARD_FLAG_OPTIONS, firstForwardFlag, parseForwardArgs, type ForwardArgs, type ForwardFlagValues } from './forwardArgs';

export type InspectOutput = 'text' | 'json';

/** What the command line asked for. */
export type CliCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'inspect'; readonly file: string; readonly output: InspectOutput }
  | { readonly kind: 'convert'; readonly file: string; readonly to: TraceFormat; readonly outFile?: string }
  | ({ readonly kind: 'search' } & SearchArgs)
  | ({ readonly kind: 'get' } & GetArgs)
  | ({ readonly kind: 'forward' } & ForwardArgs)
  | { readonly kind: 'map'; readonly trace: string; readonly workspace: string; readonly output: MapOutput }
  | ({ readonly kind: 'lint' } & LintArgs)
  /** Bad usage: `message` says what is wrong; the synopsis is printed after it. */
  | { readonly kind: 'usage-error'; readonly message: string };

const WRITABLE_FORMATS: readonly TraceFormat[] = ['jaeger', 'otlp', 'zipkin'];

/** Parses `process.argv.slice(2)`. Never throws: every mistake becomes a `usage-error`. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  let values: { format?: string; to?: string; out?: string; help?: boolean; version?: boolean; trace?: string; workspace?: string } & BackendFlagValues & ForwardFlagValues;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        to: { type: 'string' },
        out: { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        trace: { type: 'string' },
        workspace: { type: 'string' },
        ...BACKEND_FLAG_OPTIONS,
        ...FORWARD_FLAG_OPTIONS,
      },
    }));
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help === true) return { kind: 'help' };
  if (values.version === true) return { kind: 'version' };

  const [command, file, ...extra] = positionals;
  if (command === undefined) return usageError('no command given');
  if (command === 'forward') {
    const { service: _service, ...others } = values;
    return parseForwardArgs(values, positionals.slice(1), firstBackendFlag(others) ?? (['format', 'to', 'out'] as const).find((flag) => others[flag] !== undefined));
  }
  if (command === 'map') return parseMapArgs(values, positionals.slice(1));
  if (command === 'lint') {
    const { format, ...others } = values;
    const stray = firstBackendFlag(others) ?? firstForwardFlag(others) ?? (['to', 'out', 'trace', 'workspace'] as const).find((flag) => others[flag] !== undefined);
    const lint = parseLintArgs(positionals.slice(1), format, stray);
    return 'usageError' in lint ? usageError(lint.usageError) : { kind: 'lint', ...lint };
  }
  const mapFlag = values.trace !== undefined ? 'trace' : values.workspace !== undefined ? 'workspace' : undefined;
  if (mapFlag !== undefined) return usageError(`${command}: --${mapFlag} belongs to map`);
  const forwardFlag = firstForwardFlag(values);
  if (forwardFlag !== undefined) return usageError(`${command}: --${forwardFlag} belongs to forward`);
  if (command === 'search') return parseSearchArgs(values, positionals.slice(1));
  if (command === 'get') return parseGetArgs(values, positionals.slice(1));
  if (command !== 'inspect' && command !== 'convert') return usageError(`unknown command "${command}"`);
  const backendFlag = firstBackendFlag(values);
  if (backendFlag !== undefined) return usageError(`${command}: --${backendFlag} belongs to search and get`);
  if (file === undefined) return usageError(`${command}: no file given`);
  if (extra.length > 0) return usageError(`${command}: unexpected argument "${extra[0]}" (one file at a time)`);

  if (command === 'inspect') {
    if (values.to !== undefined || values.out !== undefined) return usageError('inspect: --to and --out belong to convert');
    const output = values.format ?? 'text';
    if (output !== 'text' && output !== 'json') return usageError(`inspect: --format must be text or json, not "${output}"`);
    return { kind: 'inspect', file, output };
  }
  if (values.format !== undefined) return usageError('convert: --format belongs to inspect; use --to');
  if (values.to === undefined) return usageError('convert: --to jaeger|otlp|zipkin is required');
  const to = WRITABLE_FORMATS.find((format) => format === values.to);
  if (to === undefined) return usageError(`convert: --to must be jaeger, otlp or zipkin, not "${values.to}"`);
  return values.out === undefined ? { kind: 'convert', file, to } : { kind: 'convert', file, to, outFile: values.out };
}

/** `map --trace FILE --workspace DIR [--format text|json]`; backend and forward flags do not apply. */
function parseMapArgs(values: { format?: string; to?: string; out?: string; trace?: string; workspace?: string } & BackendFlagValues & ForwardFlagValues, extra: readonly string[]): CliCommand {
  if (extra.length > 0) return usageError(`map: unexpected argument "${extra[0]}" (use --trace FILE)`);
  const { trace, workspace, format, ...others } = values;
  const stray = firstBackendFlag(others) ?? firstForwardFlag(others) ?? (['to', 'out'] as const).find((flag) => others[flag] !== undefined);
  if (stray !== undefined) return usageError(`map: --${stray} does not apply to map`);
  if (trace === undefined) return usageError('map: --trace FILE is required');
  if (workspace === undefined) return usageError('map: --workspace DIR is required');
  const output = format ?? 'text';
  if (output !== 'text' && output !== 'json') return usageError(`map: --format must be text or json, not "${output}"`);
  return { kind: 'map', trace, workspace, output };
}

function usageError(message: string): CliCommand {
  return { kind: 'usage-error', message };
}
