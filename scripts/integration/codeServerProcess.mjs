// Starts and stops one code-server process, and builds the workbench URLs that load the
// extension under development (and, for the in-host suite, the tests) into it.
// Shared by scripts/integration/run.mjs (tests) and scripts/start.mjs (the demo).

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeEnv, pinnedNode } from '../codeServer.mjs';

/** Settings for a fresh profile: a quiet workbench (no welcome page, chat panel or update checks). */
export const QUIET_USER_SETTINGS = {
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
};

/** Writes `settings` as the profile's user settings unless the profile already has some. */
export function seedUserSettings(userDataDir, settings = QUIET_USER_SETTINGS) {
  const userDir = join(userDataDir, 'User');
  mkdirSync(userDir, { recursive: true });
  const file = join(userDir, 'settings.json');
  if (!existsSync(file)) writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`);
}

/**
 * Starts code-server (entry script from ensureCodeServer) with the pinned Node 24 and resolves once it
 * listens. `port` 0 lets the OS choose. The process leads its own process group so that `stop()`
 * also ends the extension hosts and helpers it forks, and nothing else.
 * @param {{ entry: string, folder: string, userDataDir: string, extensionsDir: string, host?: string, port?: number,
 *           smokeTestDriver?: boolean, startTimeoutMs?: number, onOutput?: (text: string) => void }} options
 * @returns {Promise<{ url: string, pid: number, output: () => string, stop: () => Promise<void> }>}
 */
export function startCodeServer(options) {
  const { entry, folder, userDataDir, extensionsDir, host = '127.0.0.1', port = 0, smokeTestDriver = true, startTimeoutMs = 60_000, onOutput } =
    options;
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(userDataDir, { recursive: true });
  // An empty config of our own: code-server would otherwise read (or create, with a password) ~/.config/code-server.
  const configFile = join(userDataDir, 'code-server.yaml');
  if (!existsSync(configFile)) writeFileSync(configFile, '');
  const args = [
    entry,
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', `${host}:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    // A built workbench reads the URL's `payload` (extensionDevelopmentPath, extensionTestsPath) only with
    // the smoke-test driver on. It also hides notification toasts (they go straight to the notification
    // center) and skips modal dialogs, so the interactive demo runs without it.
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    folder,
  ];
  const child = spawn(pinnedNode().nodeExe, args, { env: nodeEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let exited = false;
  const exitPromise = new Promise((resolve) => child.on('exit', () => { exited = true; resolve(); }));

  const stop = async () => {
    if (exited || child.pid === undefined) return;
    killGroup(child.pid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5_000);
    await exitPromise;
    clearTimeout(timer);
    // Forked helpers (extension host, pty host) may outlive the main process by a moment.
    killGroup(child.pid, 'SIGKILL');
  };
  // A runner that dies on an exception must not leave a server behind.
  const onExit = () => { if (!exited && child.pid !== undefined) killGroup(child.pid, 'SIGKILL'); };
  process.on('exit', onExit);

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`code-server did not start within ${startTimeoutMs / 1000} s. Its output:\n${output.slice(-3000)}`));
    }, startTimeoutMs);
    const onData = (chunk) => {
      const text = chunk.toString();
      output += text;
      onOutput?.(text);
      const match = output.match(/HTTP server listening on (http:\/\/[^\s/]+)\/?/);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], pid: child.pid, output: () => output, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (error) => { clearTimeout(timer); reject(error); });
    void exitPromise.then(() => {
      clearTimeout(timer);
      process.off('exit', onExit);
      reject(new Error(`code-server exited before listening. Its output:\n${output.slice(-3000)}`));
    });
  });
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * The workbench URL that opens `folder` with the extension at `extensionDevelopmentPath` loaded from
 * source and, when given, runs the in-host test module at `extensionTestsPath` (its `run()` export).
 * Paths are absolute paths on the code-server machine; they are addressed through the server's
 * remote authority, which is the host:port the browser connects to.
 * @param {string} serverUrl e.g. http://127.0.0.1:38123
 * @param {{ folder: string, extensionDevelopmentPath: string, extensionTestsPath?: string }} options
 */
export function workbenchUrl(serverUrl, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const authority = new URL(serverUrl).host;
  const payload = [['extensionDevelopmentPath', `vscode-remote://${authority}${extensionDevelopmentPath}`]];
  if (extensionTestsPath) payload.push(['extensionTestsPath', `vscode-remote://${authority}${extensionTestsPath}`]);
  payload.push(['skipWelcome', 'true']);
  return `${serverUrl}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * Installs the extension at `extensionPath` into `extensionsDir` as a symlink named like an installed
 * extension (publisher.name-version), so a workbench started without the smoke-test driver (no URL
 * payload) loads it from the checkout: rebuild, then "Developer: Reload Window" picks up changes.
 * VS Code records the extensions it finds there on the profile's first start.
 */
export function linkExtension(extensionsDir, extensionPath) {
  const manifest = JSON.parse(readFileSync(join(extensionPath, 'package.json'), 'utf8'));
  const link = join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  mkdirSync(extensionsDir, { recursive: true });
  rmSync(link, { force: true, recursive: false });
  symlinkSync(extensionPath, link, 'dir');
  return link;
}
