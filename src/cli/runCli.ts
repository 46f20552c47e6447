import { parseCliArgs } from './cliArgs';
import { ExitCode, type CliIo } from './cliIo';
import { runConvert } from './convertCommand';
import { runInspect } from './inspectCommand';
import { CLI_VERSION, HELP, SYNOPSIS } from './usage';

/** Runs one `trace-lens` invocation: `argv` without node and the script. Returns the exit code. */
export function runCli(argv: readonly string[], io: CliIo): ExitCode {
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
  }
}
