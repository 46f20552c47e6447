#!/usr/bin/env node
// Runs the integration tests inside a real VS Code, offline: code-server (VS Code's server and browser
// workbench, with the real Node extension host) driven by Debian's Chromium through playwright-core.
//
//   a. the in-host suite (out/test/integration/suite/index.js, `run()`): loaded by VS Code itself as
//      extensionTestsPath, like @vscode/test-electron does on the desktop;
//   b. the UI tests (out/test/integration/ui/*.test.js, node:test): a user's clicks and keys.
//
// Builds nothing: `npm test` (scripts/test.mjs) runs the esbuild bundle and tsc first.
// Starts one code-server on 127.0.0.1 with a throwaway profile and stops it (by its process group) at the end.
// The last line is "integration: N passed, N failed, N skipped" (scripts/test.mjs and CI read it).
// Usage: node scripts/integration/run.mjs [--only suite|ui]

import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { ensureCodeServer, pinnedNode } from '../codeServer.mjs';
import { seedUserSettings, startCodeServer, workbenchUrl } from './codeServerProcess.mjs';
import { staleDemoTraceFiles } from './generateDemoTraces.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const demoWorkspaceDir = join(repoRoot, 'test', 'fixtures', 'workspace');
/**
 * The workspace the editor opens: a fresh copy of the demo workspace per run, so tests may write settings
 * or files into it without touching the tracked fixtures (or each other's runs).
 */
let workspaceDir = demoWorkspaceDir;
const suiteModule = join(repoRoot, 'out', 'test', 'integration', 'suite', 'index.js');
const uiTestDir = join(repoRoot, 'out', 'test', 'integration', 'ui');
const artifactsDir = join(repoRoot, '.test-artifacts');
// The README's screenshot is refreshed only when asked (UPDATE_SCREENSHOT=1), so a test run leaves the
// tracked tree clean; otherwise it goes with the other artifacts.
const screenshotPath = process.env.UPDATE_SCREENSHOT === '1'
  ? join(repoRoot, 'media', 'screenshot.png')
  : join(repoRoot, '.test-artifacts', 'screenshot.png');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** The extension under test: the repo itself, or a staged copy (e.g. an unpacked .vsix) to check that instead. */
const extensionPath = process.env.TRACE_LENS_EXTENSION_PATH ? resolve(process.env.TRACE_LENS_EXTENSION_PATH) : repoRoot;

/** The in-host suite prints this line with its counts (test/integration/suite/harness.ts). */
const SUITE_RESULT_PREFIX = 'TRACE_LENS_SUITE_RESULT ';
const SUITE_LINE_PREFIX = '[suite] ';
/** From page load to the suite's exit: workbench start (~5 s), activation, then the tests. */
const SUITE_TIMEOUT_MS = 120_000;

const onlyArg = process.argv.indexOf('--only');
const only = onlyArg >= 0 ? process.argv[onlyArg + 1] : undefined;

const totals = { passed: 0, failed: 0, skipped: 0 };
const started = Date.now();

function log(line) {
  process.stdout.write(`${line}\n`);
}

function finish(exitCode) {
  log(`(integration run took ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  log(`integration: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(exitCode);
}

/** Problems that mean the tests cannot start; reported as one failure with what to do. */
function preflight() {
  const problems = [];
  if (!existsSync(chromiumPath)) {
    problems.push(`Chromium not found at ${chromiumPath}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`);
  }
  if (!existsSync(join(extensionPath, 'dist', 'extension.js'))) {
    problems.push(`${join(extensionPath, "dist", "extension.js")} is missing: build first (\`node scripts/build.mjs\`, or run \`npm test\`).`);
  }
  const stale = staleDemoTraceFiles();
  if (stale.length > 0) {
    problems.push(`demo traces out of date with their generator (${stale.join(', ')}): run \`node scripts/integration/generateDemoTraces.mjs\`.`);
  }
  if (only !== 'ui' && !existsSync(suiteModule)) {
    problems.push(`${suiteModule} is missing: compile the tests first (\`tsc -p .\`, or run \`npm test\`).`);
  }
  if (only !== 'suite' && uiTestFiles().length === 0) {
    problems.push(`no compiled UI tests in ${uiTestDir}: compile the tests first (\`tsc -p .\`, or run \`npm test\`).`);
  }
  return problems;
}

function uiTestFiles() {
  if (!existsSync(uiTestDir)) return [];
  return readdirSync(uiTestDir)
    .filter((name) => name.endsWith('.test.js'))
    .sort()
    .map((name) => join(uiTestDir, name));
}

/**
 * (a) Opens the workbench with the suite as extensionTestsPath; VS Code runs `run()` in the extension
 * host, forwards its console through codeAutomationLog and its outcome through codeAutomationExit.
 */
async function runInHostSuite(browser, serverUrl) {
  log('\n-- in-host suite (inside the extension host)');
  const page = await browser.newPage();
  try {
    let lastCounts;
    // The page forwards the whole workbench console; the suite marks its own lines. The rest is
    // kept in a log file and printed only when the suite fails.
    const workbenchLog = [];
    let resolveExit;
    const exitCode = new Promise((resolvePromise) => {
      resolveExit = resolvePromise;
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = (Array.isArray(args) ? args : [args]).map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ');
      for (const line of text.split('\n')) {
        if (line.startsWith(SUITE_RESULT_PREFIX)) lastCounts = JSON.parse(line.slice(SUITE_RESULT_PREFIX.length));
        else if (line.startsWith(SUITE_LINE_PREFIX)) log(`  ${line.slice(SUITE_LINE_PREFIX.length)}`);
        else workbenchLog.push(`[${type}] ${line}`);
      }
    });
    const url = workbenchUrl(serverUrl, {
      folder: workspaceDir,
      extensionDevelopmentPath: extensionPath,
      extensionTestsPath: suiteModule,
    });
    await page.goto(url);
    let timer;
    const timeout = new Promise((resolveTimeout) => {
      timer = setTimeout(() => resolveTimeout('timeout'), SUITE_TIMEOUT_MS);
    });
    const outcome = await Promise.race([exitCode, timeout]);
    clearTimeout(timer);
    mkdirSync(artifactsDir, { recursive: true });
    writeFileSync(join(artifactsDir, 'in-host-workbench.log'), `${workbenchLog.join('\n')}\n`);
    if (outcome !== 0) {
      log(`  workbench console (also in .test-artifacts/in-host-workbench.log):\n${workbenchLog.slice(-60).join('\n')}`);
    }
    if (outcome === 'timeout') {
      await saveFailureScreenshot(page, 'in-host-suite-timeout');
      log(`✖ the in-host suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s`);
      totals.passed += lastCounts?.passed ?? 0;
      totals.failed += (lastCounts?.failed ?? 0) + 1;
      return;
    }
    if (lastCounts) {
      totals.passed += lastCounts.passed;
      totals.failed += lastCounts.failed;
      totals.skipped += lastCounts.skipped;
    }
    if (outcome !== 0 && (!lastCounts || lastCounts.failed === 0)) {
      // The suite failed before or outside its tests (e.g. it could not be loaded).
      log(`✖ the in-host suite exited with code ${outcome} before reporting its tests`);
      totals.failed += 1;
    }
    log(`in-host suite: exit code ${outcome}${lastCounts ? `, ${lastCounts.passed} passed, ${lastCounts.failed} failed, ${lastCounts.skipped} skipped` : ''}`);
  } finally {
    await page.close();
  }
}

async function saveFailureScreenshot(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  const file = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file }).then(
    () => log(`failure screenshot: ${file}`),
    () => undefined,
  );
}

/** (b) The node:test UI tests, in one Node 24 process, one file at a time (they share the server). */
async function runUiTests(serverUrl) {
  log('\n-- UI tests (Playwright driving the workbench)');
  const tapFile = join(mkdtempSync(join(tmpdir(), 'trace-lens-ui-')), 'results.tap');
  const env = {
    ...process.env,
    TRACE_LENS_WORKBENCH_URL: workbenchUrl(serverUrl, { folder: workspaceDir, extensionDevelopmentPath: extensionPath }),
    TRACE_LENS_CHROMIUM: chromiumPath,
    TRACE_LENS_WORKSPACE: workspaceDir,
    TRACE_LENS_ARTIFACTS: artifactsDir,
    TRACE_LENS_SCREENSHOT: screenshotPath,
  };
  const args = [
    '--test',
    '--test-concurrency=1',
    '--test-timeout=90000',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tapFile}`,
    ...uiTestFiles(),
  ];
  const code = await new Promise((resolveRun) => {
    const child = spawn(pinnedNode().nodeExe, args, { cwd: repoRoot, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('close', (exitCode) => resolveRun(exitCode ?? 1));
  });
  const tap = existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : '';
  rmSync(dirname(tapFile), { recursive: true, force: true });
  const count = (name) => Number(tap.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += count('skipped') + count('todo');
  if (code !== 0 && failed === 0) {
    log(`✖ the UI test run exited with code ${code} without reporting a failed test`);
    totals.failed += 1;
  }
}

async function main() {
  const problems = preflight();
  if (problems.length > 0) {
    for (const problem of problems) log(`✖ ${problem}`);
    totals.failed += 1;
    finish(1);
  }
  // Artifacts describe this run only.
  rmSync(artifactsDir, { recursive: true, force: true });
  const entry = await ensureCodeServer({ log });
  const scratch = mkdtempSync(join(tmpdir(), 'trace-lens-integration-'));
  const userDataDir = join(scratch, 'user-data');
  seedUserSettings(userDataDir);
  workspaceDir = join(scratch, 'workspace');
  cpSync(demoWorkspaceDir, workspaceDir, { recursive: true });
  let server;
  let browser;
  try {
    server = await startCodeServer({ entry, folder: workspaceDir, userDataDir, extensionsDir: join(scratch, 'extensions') });
    log(`code-server ${server.url} (pid ${server.pid}), profile ${scratch}`);
    if (only !== 'ui') {
      browser = await chromium.launch({
        executablePath: chromiumPath,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
      });
      await runInHostSuite(browser, server.url);
      await browser.close();
      browser = undefined;
    }
    if (only !== 'suite') await runUiTests(server.url);
  } catch (error) {
    log(`✖ integration run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    totals.failed += 1;
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
  finish(totals.failed > 0 ? 1 : 0);
}

main().catch((error) => {
  log(`✖ ${error instanceof Error ? error.message : String(error)}`);
  totals.failed += 1;
  finish(1);
});
