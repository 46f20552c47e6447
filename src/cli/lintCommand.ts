import { findingsAsJson, findingsAsSarif, findingsAsText } from '../core/lint/lintReport';
import { createLintSession } from '../treeSitter/lintSession';
import { ExitCode, type CliIo } from './cliIo';
import { CLI_VERSION } from './usage';


/** How `trace-lens lint` prints its findings. */
export type LintOutput = 'text' | 'json' | 'sarif';

export interface LintArgs {
  /** Files and folders to lint; the current folder when none are given. */
  readonly paths: readonly string[];
  readonly output: LintOutput;
}

/**
 * Reads `lint [PATHS…] [--format text|json|sarif]` from the flags already parsed; `stray` is the first
 * flag that belongs to another command. Returns a message for bad usage.
 */
export function parseLintArgs(positionals: readonly string[], format: string | undefined, stray: string | undefined): LintArgs | { readonly usageError: string } {
  if (stray !== undefined) return { usageError: `lint: --${stray} does not apply to lint` };
  const output = format ?? 'text';
  if (output !== 'text' && output !== 'json' && output !== 'sarif') return { usageError: `lint: --format must be text, json or sarif, not "${output}"` };
  return { paths: positionals.length > 0 ? positionals : ['.'], output };
}

/**
 * `trace-lens lint`: the propagation lint without VS Code. Exit 1 when a finding has error severity
 * (an outbound call that forwards no trace header at all), so CI can gate on it; 0 otherwise.
 */
export async function runLint(io: CliIo, args: LintArgs, cwd: string = process.cwd()): Promise<ExitCode> {
  const session = createLintSession({ baseDir: cwd });
  try {
    const findings = await session.lintAll(args.paths);
    findings.sort((a, b) => a.path.localeCompare(b.path) || a.range.start.row - b.range.start.row || a.range.start.column - b.range.start.column);
    if (args.output === 'json') io.stdout(findingsAsJson(findings));
    else if (args.output === 'sarif') io.stdout(findingsAsSarif(findings, CLI_VERSION));
    else io.stdout(findingsAsText(findings, session.filesLinted));
    return findings.some((finding) => finding.severity === 'error') ? ExitCode.Failed : ExitCode.Ok;
  } finally {
    session.dispose();
  }
}
