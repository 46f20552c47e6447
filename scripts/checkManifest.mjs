// Fails when package.json `contributes` and the TypeScript id tables in src/vscode/contributions.ts
// disagree in either direction. Runs on the tsc output (out/), so `tsc -p .` must have run first.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const tables = require('../out/src/vscode/contributions.js');
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const problems = [];

function compareSets(what, inCode, inManifest) {
  for (const id of inCode) if (!inManifest.has(id)) problems.push(`${what} "${id}" is in contributions.ts but not in package.json`);
  for (const id of inManifest) if (!inCode.has(id)) problems.push(`${what} "${id}" is in package.json but not in contributions.ts`);
}

// Commands: ids, titles and categories.
const manifestCommands = new Map((manifest.contributes?.commands ?? []).map((c) => [c.command, c]));
compareSets('command', new Set(Object.keys(tables.commandContributions)), new Set(manifestCommands.keys()));
for (const [id, expected] of Object.entries(tables.commandContributions)) {
  const actual = manifestCommands.get(id);
  if (actual && (actual.title !== expected.title || actual.category !== expected.category)) {
    problems.push(`command "${id}": package.json says "${actual.category}: ${actual.title}", contributions.ts says "${expected.category}: ${expected.title}"`);
  }
}

// Settings: ids and defaults.
const manifestSettings = manifest.contributes?.configuration?.properties ?? {};
compareSets('setting', new Set(Object.keys(tables.settingContributions)), new Set(Object.keys(manifestSettings)));
for (const [id, expected] of Object.entries(tables.settingContributions)) {
  const actual = manifestSettings[id];
  if (actual && JSON.stringify(actual.default) !== JSON.stringify(expected.default)) {
    problems.push(`setting "${id}": default ${JSON.stringify(actual.default)} in package.json, ${JSON.stringify(expected.default)} in contributions.ts`);
  }
}

// Menus may only name contributed commands.
for (const [menu, entries] of Object.entries(manifest.contributes?.menus ?? {})) {
  for (const entry of entries) {
    if (entry.command && !manifestCommands.has(entry.command)) problems.push(`menu "${menu}" names unknown command "${entry.command}"`);
  }
}

// Every id uses the one prefix; activation is never "*".
const prefix = `${tables.ID_PREFIX}.`;
for (const id of [...manifestCommands.keys(), ...Object.keys(manifestSettings)]) {
  if (!id.startsWith(prefix)) problems.push(`"${id}" does not start with "${prefix}"`);
}
if ((manifest.activationEvents ?? []).includes('*')) problems.push('activationEvents must not contain "*"');

if (problems.length > 0) {
  console.error(`package.json and src/vscode/contributions.ts disagree:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`manifest check: ${manifestCommands.size} commands and ${Object.keys(manifestSettings).length} settings match contributions.ts`);
