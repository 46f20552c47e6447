// The one test command (`npm test`): build, type-check, lint, check the manifest, run the unit tests
// (no VS Code), then the integration tests inside a real VS Code (code-server + Chromium, offline).
// Usage: node scripts/test.mjs [--unit | --integration]
// Ends with one line "tests: N passed, N failed, N skipped" over both tiers; exits non-zero on any failure.
import { spawn } from 'node:child_process';

const only = process.argv.includes('--unit') ? 'unit' : process.argv.includes('--integration') ? 'integration' : 'all';
const totals = { passed: 0, failed: 0, skipped: 0 };

/** Runs a command with output passed through (and captured, for the counts); resolves with exit code and text. */
function run(command, args, { capture = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'] });
    let text = '';
    if (capture) {
      child.stdout.on('data', (chunk) => { text += chunk; process.stdout.write(chunk); });
      child.stderr.on('data', (chunk) => { text += chunk; process.stderr.write(chunk); });
    }
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), text }));
  });
}

async function step(title, command, args) {
  console.log(`\n== ${title}`);
  const { code } = await run(command, args);
  if (code !== 0) {
    console.error(`\n${title} failed (exit ${code}).`);
    finish(1);
  }
}

function count(text, pattern) {
  const match = text.match(pattern);
  return match ? Number(match[1]) : 0;
}

function finish(exitCode) {
  console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(exitCode);
}

const node = process.execPath;
await step('build (esbuild)', node, ['scripts/build.mjs']);
await step('type-check and compile tests (tsc)', node, ['node_modules/typescript/bin/tsc', '-p', '.']);
await step('lint (eslint, layer rules)', node, ['node_modules/eslint/bin/eslint.js', '.']);
await step('manifest check', node, ['scripts/checkManifest.mjs']);

let failed = false;
if (only !== 'integration') {
  console.log('\n== unit tests (node --test, no VS Code)');
  const unit = await run(node, ['--test', '--test-reporter=spec', 'out/test/unit/**/*.test.js'], { capture: true });
  totals.passed += count(unit.text, /ℹ pass (\d+)/);
  totals.failed += count(unit.text, /ℹ fail (\d+)/);
  totals.skipped += count(unit.text, /ℹ skipped (\d+)/);
  if (unit.code !== 0) failed = true;
}
if (only !== 'unit') {
  console.log('\n== integration tests (a real VS Code: code-server + Chromium)');
  const integration = await run(node, ['scripts/integration/run.mjs'], { capture: true });
  const summary = integration.text.match(/integration: (\d+) passed, (\d+) failed(?:, (\d+) skipped)?/);
  if (summary) {
    totals.passed += Number(summary[1]);
    totals.failed += Number(summary[2]);
    totals.skipped += Number(summary[3] ?? 0);
  }
  if (integration.code !== 0 || !summary) failed = true;
}
finish(failed || totals.failed > 0 ? 1 : 0);
