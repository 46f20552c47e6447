import { parseCliArgs } from './cliArgs';
import { ExitCode, type CliIo } from './cliIo';
import type { CliEnv } from './cliBackend';
import { runConvert } from './convertCommand';
import { runForwardCommand } from './forwardCommand';
import { runGet } from './getCommand';
import { runInspect } from './inspectCommand';
import { runLint } from './lintCommand';
import { runMap } from './mapCommand';
import { runSearch } from './searchCommand';
import { CLI_VERSION, HELP, SYNOPSIS } from './usage';

/**
 * Runs one `trace-lens` invocation: `argv` without node and the script. Resolves to the exit code.
 * `env` is where `search` and `get` read the bearer token from. `stop` ends `forward` (default: the
 * process's SIGINT or SIGTERM).
 */
export async function runCli(argv: readonly string[], io: CliIo, env: CliEnv = process.env, stop?: AbortSignal): Promise<ExitCode> {
  const command = parseCliArgs(argv);
  switch (command.kind) {
    case 'help':
      io.stdout(HELP);
      return ExitCode.Ok;
    case 'version':
      io.stdout(`${CLI_VERSION}\n`);
      return ExitCode.Ok;
    case 'usage-error':
      io.stderr(`trace-lens: ${command.message}\n\n${SYNOPSIS}Run "trace-lens --help" for details.\n`);
      return ExitCode.BadInput;
    case 'inspect':
      return runInspect(io, command.file, command.output);
    case 'convert':
      return runConvert(io, command.file, command.to, command.outFile);
    case 'search':
      return runSearch(io, command, env);
    case 'get':
      return runGet(io, command, env);
    case 'forward':
      return runForwardCommand(io, command, stop);
    case 'map':
      return runMap(io, command.trace, command.workspace, command.output);
    case 'lint':
      return runLint(io, command);
  }
}
