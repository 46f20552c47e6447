#!/usr/bin/env node
// `npm start`: try Trace Lens in a real VS Code in the browser, no VS Code install needed.
// Builds the extension, starts code-server (installed once into ~/.cache/trace-lens) with the extension
// from this checkout installed and the demo workspace (test/fixtures/workspace) open, prints the URL,
// and runs until Ctrl-C.
//
// Usage: npm start [-- --port N] [-- --host ADDRESS]
//   --port N        listen on port N (default 8080; 0 picks a free one)
//   --host ADDRESS  listen on ADDRESS (default 127.0.0.1; use 0.0.0.0 to reach it from another machine,
//                   and open the URL with that machine's view of the host and port)

import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeServerCacheDir, ensureCodeServer, pinnedNode } from './codeServer.mjs';
import { QUIET_USER_SETTINGS, linkExtension, seedUserSettings, startCodeServer } from './integration/codeServerProcess.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const workspaceDir = join(repoRoot, 'test', 'fixtures', 'workspace');

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = process.argv[at + 1];
  if (value === undefined || value.startsWith('--')) fail(`--${name} needs a value`);
  return value;
}

function fail(message) {
  process.stderr.write(`npm start: ${message}\n`);
  process.exit(1);
}

const port = Number(option('port', '8080'));
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, got "${option('port', '')}"`);
const host = option('host', '127.0.0.1');

console.log('Building the extension (node scripts/build.mjs)…');
const build = spawnSync(pinnedNode().nodeExe, [join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, stdio: 'inherit' });
if (build.status !== 0) fail('the build failed (see above).');

let entry;
try {
  entry = await ensureCodeServer({ log: (line) => console.log(line) });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

// A profile kept between runs (settings, layout, opened editors), next to the cached code-server.
const profileDir = join(dirname(codeServerCacheDir()), 'start-profile');
const userDataDir = join(profileDir, 'user-data');
// Unlike the tests' profile, greet the user with the demo workspace's README.md.
seedUserSettings(userDataDir, { ...QUIET_USER_SETTINGS, 'workbench.startupEditor': 'readme' });

// The extension is installed as a link to this checkout in an extensions folder made afresh each time
// (VS Code records what it finds there on first start, so a version bump is picked up). Not loaded
// through the URL payload as the tests do: that needs the smoke-test driver, which hides notifications.
const extensionsDir = join(profileDir, 'extensions');
rmSync(extensionsDir, { recursive: true, force: true });
linkExtension(extensionsDir, repoRoot);

let server;
try {
  server = await startCodeServer({ entry, folder: workspaceDir, userDataDir, extensionsDir, host, port, smokeTestDriver: false });
} catch (error) {
  const text = error instanceof Error ? error.message : String(error);
  fail(/EADDRINUSE/.test(text) ? `port ${port} is in use: pick another with \`npm start -- --port N\` (0 = any free port).` : text);
}

// After editing the extension: rebuild (`node scripts/build.mjs`), then "Developer: Reload Window" in the browser.
const url = `${server.url}/?folder=${encodeURIComponent(workspaceDir)}`;
console.log(`
Trace Lens is running in VS Code (code-server ${server.url}, pid ${server.pid}).

  Open this URL in a browser:

  ${url}

  Then open a trace: right-click a .json file in the Explorer > "Open Trace File…", or F1 >
  "Trace Lens: Open Trace File…". The workspace's README.md says what each demo file shows.

Press Ctrl-C to stop.`);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping code-server…');
  await server.stop();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
