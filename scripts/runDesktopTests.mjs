#!/usr/bin/env node
// `npm run test:desktop`: the in-host integration suite (out/test/integration/suite) in desktop VS Code
// (Electron) through @vscode/test-electron, the same suite the offline code-server runner executes.
//
// @vscode/test-electron downloads VS Code from Microsoft's update service, so this needs internet,
// unless you point it at an installed VS Code with --vscode PATH (or VSCODE_EXECUTABLE_PATH).
// On a Linux machine without a display, run it under xvfb-run.
// Build first: node scripts/build.mjs && tsc -p .
//
// Usage: node scripts/runDesktopTests.mjs [--vscode PATH] [--version stable|insiders|1.xx.y]

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const workspaceDir = join(repoRoot, 'test', 'fixtures', 'workspace');
const suiteModule = join(repoRoot, 'out', 'test', 'integration', 'suite', 'index.js');
/** Printed by test/integration/suite/harness.ts with the suite's counts. */
const SUITE_RESULT_PREFIX = 'TRACE_LENS_SUITE_RESULT ';

function option(name) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function summary(counts) {
  return `desktop: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
}

function fail(message) {
  console.error(`✖ ${message}`);
  console.log(summary({ passed: 0, failed: 1, skipped: 0 }));
  process.exit(1);
}

if (!existsSync(join(repoRoot, 'dist', 'extension.js'))) fail('dist/extension.js is missing: run `node scripts/build.mjs` first.');
if (!existsSync(suiteModule)) fail(`${suiteModule} is missing: compile the tests first (\`tsc -p .\`).`);

let vscodeExecutablePath = option('vscode') ?? process.env.VSCODE_EXECUTABLE_PATH;
if (!vscodeExecutablePath) {
  const version = option('version') ?? 'stable';
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version, cachePath: join(repoRoot, '.vscode-test') });
  } catch (error) {
    fail(
      `Could not download VS Code ${version} (${error instanceof Error ? error.message : String(error)}).\n` +
        '  This runner downloads VS Code from Microsoft\'s update service, so it needs internet access.\n' +
        '  Offline, run the same suite in code-server instead: `npm run test:integration`,\n' +
        '  or point this runner at an installed VS Code: `npm run test:desktop -- --vscode /path/to/code`.',
    );
  }
}

// Count the suite's results from its output while passing the output through.
let counts;
let pending = '';
const stdout = new Writable({
  write(chunk, _encoding, callback) {
    process.stdout.write(chunk);
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const at = line.indexOf(SUITE_RESULT_PREFIX);
      if (at >= 0) counts = JSON.parse(line.slice(at + SUITE_RESULT_PREFIX.length));
    }
    callback();
  },
});

const userDataDir = mkdtempSync(join(tmpdir(), 'trace-lens-desktop-'));
let exitCode;
try {
  exitCode = await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: suiteModule,
    stdout,
    launchArgs: [
      workspaceDir,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      `--user-data-dir=${join(userDataDir, 'user-data')}`,
      `--extensions-dir=${join(userDataDir, 'extensions')}`,
      // Electron refuses to start as root without it (containers, CI).
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  });
} catch (error) {
  // runTests rejects with the exit code when VS Code exits non-zero.
  exitCode = typeof error?.code === 'number' ? error.code : 1;
  if (!counts) console.error(`✖ VS Code did not run the suite: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  rmSync(userDataDir, { recursive: true, force: true });
}

const result = counts ?? { passed: 0, failed: 1, skipped: 0 };
if (exitCode !== 0 && result.failed === 0) result.failed = 1;
console.log(summary(result));
process.exit(exitCode === 0 && result.failed === 0 ? 0 : 1);
