/** Runs the CLI in-process with captured output, and makes throwaway files for it to read. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/runCli';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function cli(...argv: string[]): Promise<CliRun> {
  return cliWithEnv({}, ...argv);
}

/** Like {@link cli}, with `env` as the environment the CLI reads tokens from. */
export async function cliWithEnv(env: Readonly<Record<string, string>>, ...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) }, env);
  return { code, stdout, stderr };
}

/** A fresh temporary folder; `file(name, text)` writes into it; `dispose()` removes it. */
export function scratchFolder(): { readonly path: (name: string) => string; readonly file: (name: string, text: string) => string; readonly dispose: () => void } {
  const folder = mkdtempSync(join(tmpdir(), 'trace-lens-cli-'));
  return {
    path: (name) => join(folder, name),
    file: (name, text) => {
      const path = join(folder, name);
      writeFileSync(path, text);
      return path;
    },
    dispose: () => rmSync(folder, { recursive: true, force: true }),
  };
}
