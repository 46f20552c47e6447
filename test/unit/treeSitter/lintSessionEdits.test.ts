import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createGrammarLoader } from '../../../src/treeSitter/grammarLoader';
import { createLintSession, type LintSession } from '../../../src/treeSitter/lintSession';
import type { LintFinding } from '../../../src/core/lint/lintTypes';
import type { FileIndex } from '../../../src/core/source/handlerTypes';
import { indexSourceFile } from '../../../src/core/source/indexSourceFile';
import { languageOfPath, type SourceLanguage } from '../../../src/core/sourceLanguage';

/**
 * A re-lint after an edit reuses what it read before the edit (call readings, the handler index of the
 * untouched statements). These tests edit real services of the lint corpus over and over, the way
 * typing does and at random, and check after every edit that the session reports exactly what a
 * fresh lint of the same text reports: same findings, same places, same fixes.
 */

const CORPUS = join(process.cwd(), 'test', 'fixtures', 'lintCorpus');
const loader = createGrammarLoader();
const workspaces: string[] = [];
after(() => {
  for (const dir of workspaces) rmSync(dir, { recursive: true, force: true });
});

/** Services written here, beside the corpus's: named handlers registered away from their function. */
const NAMED_HANDLERS: Readonly<Record<string, string>> = {
  'named/package.json': '{ "name": "named", "dependencies": { "express": "^4.19.0" } }\n',
  'named/server.ts': [
    "import express from 'express';",
    'const app = express();',
    "app.get('/orders/:id', handleOrder);",
    '',
    'function handleOrder(req: express.Request, res: express.Response) {',
    "  return fetch('http://inventory/items').then((answer) => res.json(answer));",
    '}',
    '',
  ].join('\n'),
  'named-go/go.mod': 'module example.com/named\n\ngo 1.22\n',
  'named-go/main.go': [
    'package main',
    '',
    'import "net/http"',
    '',
    'func main() {',
    '\thttp.HandleFunc("/orders", handleOrder)',
    '}',
    '',
    'func handleOrder(w http.ResponseWriter, r *http.Request) {',
    '\tresp, _ := http.Get("http://inventory/items")',
    '\tdefer resp.Body.Close()',
    '}',
    '',
  ].join('\n'),
};

function copyOfCorpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trace-lens-lint-edits-'));
  workspaces.push(dir);
  cpSync(CORPUS, dir, { recursive: true });
  for (const [path, text] of Object.entries(NAMED_HANDLERS)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Findings in a comparable shape: everything a user sees, fixes included. */
function comparable(findings: readonly LintFinding[]): string[] {
  return findings.map((finding) => JSON.stringify(finding)).sort();
}

async function freshFindings(dir: string, packageDir: string): Promise<string[]> {
  const session = createLintSession({ baseDir: dir, loader });
  try {
    return comparable(await session.lintAll([packageDir]));
  } finally {
    session.dispose();
  }
}

/** An index's handlers in a comparable shape (their order is not part of the contract). */
function handlersOf(index: FileIndex | undefined): string[] {
  assert.ok(index, 'the file is indexed');
  return index.handlers.map((handler) => JSON.stringify(handler)).sort();
}

async function freshIndex(file: string, text: string): Promise<FileIndex> {
  const language = languageOfPath(file) as SourceLanguage;
  const parser = await loader.parserFor(language);
  const tree = parser.parse(text);
  parser.delete();
  assert.ok(tree);
  try {
    return indexSourceFile(tree, language, file);
  } finally {
    tree.delete();
  }
}

/** A small deterministic random source (mulberry32), so a failure can be replayed. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPED = ['a', 'x', '_', '1', '9', ' ', '\n', '(', ')', '{', '}', '"', "'", ';', '.', ',', '/', 'é'];

function randomEdit(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const kind = random();
  if (kind < 0.45) return text.slice(0, at) + (TYPED[Math.floor(random() * TYPED.length)] ?? 'a') + text.slice(at);
  if (kind < 0.75) return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 4));
  if (kind < 0.9) return `${text.slice(0, at)}${random() < 0.5 ? 'Z' : '7'}${text.slice(at + 1)}`;
  // Duplicate or drop a whole line, as paste and cut do.
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at);
  const end = lineEnd === -1 ? text.length : lineEnd + 1;
  return random() < 0.5 ? text.slice(0, end) + text.slice(lineStart, end) + text.slice(end) : text.slice(0, lineStart) + text.slice(end);
}

/** Applies each edit through the session and compares with a fresh lint after each one. */
async function checkEdits(dir: string, session: LintSession, file: string, texts: readonly string[]): Promise<void> {
  for (const [step, text] of texts.entries()) {
    writeFileSync(join(dir, file), text);
    const packageDir = file.slice(0, file.indexOf('/'));
    const incremental = comparable((await session.update(file, text)).filter((finding) => finding.path.startsWith(`${packageDir}/`)));
    assert.deepEqual(incremental, await freshFindings(dir, packageDir), `after edit ${step + 1} of ${file}:\n${text}`);
    assert.deepEqual(handlersOf(session.indexOf(file)), handlersOf(await freshIndex(file, text)), `the handler index after edit ${step + 1} of ${file}:\n${text}`);
  }
}

const SERVICES: readonly { readonly file: string; readonly typed: readonly [string, string][] }[] = [
  // Each `typed` pair: text to find, and what typing turns it into (one character at a time).
  { file: 'node-checkout/src/server.mts', typed: [["'/", "'/v2/"], ['headers', 'hdrs']] },
  { file: 'node-catalog-otel/src/index.js', typed: [['(ctx', '(context'], ["'/", "'/v2/"]] },
  { file: 'py-orders/app.py', typed: [['def ', 'def renamed_'], ['"/', '"/api/']] },
  { file: 'go-shipping/handlers.go', typed: [['func ', 'func my'], ['Header', 'Headers']] },
  { file: 'go-shipping/main.go', typed: [['HandleFunc("GET /', 'HandleFunc("GET /v2/'], ['getShipment)', 'getShipments)']] },
  // Routes that name a handler declared elsewhere in the file: renaming the function changes which
  // function serves the route, though the edit is not in the registration.
  { file: 'named/server.ts', typed: [['function handleOrder', 'function handleOrders'], ['function handleOrders', 'function handleOrder']] },
  { file: 'named-go/main.go', typed: [['func handleOrder', 'func handleOrders'], ['func handleOrders', 'func handleOrder']] },
  { file: 'java-billing/src/main/java/shop/billing/BillingController.java', typed: [['Mapping("/', 'Mapping("/v2/'], ['headers', 'httpHeaders']] },
  { file: 'ruby-reviews/app.rb', typed: [['get "/', 'get "/v2/'], ['request', 'req']] },
];

/** The texts typing `to` over the first `from` goes through, one keystroke each. */
function typing(text: string, from: string, to: string): string[] {
  const at = text.indexOf(from);
  if (at < 0) return [];
  const texts: string[] = [];
  // Delete `from` from its end, then type `to`.
  for (let length = from.length - 1; length >= 0; length--) texts.push(text.slice(0, at) + from.slice(0, length) + text.slice(at + from.length));
  for (let length = 1; length <= to.length; length++) texts.push(text.slice(0, at) + to.slice(0, length) + text.slice(at + from.length));
  return texts;
}

describe('lint session: a re-lint after an edit equals a fresh lint (corpus services, in-process)', () => {
  for (const service of SERVICES) {
    test(`${service.file}: typing, then random edits`, async () => {
      const dir = copyOfCorpus();
      const session = createLintSession({ baseDir: dir, loader });
      try {
        const before = await session.lintAll(['.']);
        assert.ok(before.length > 0 || service.file.includes('otel'), 'the corpus service has findings to keep right');
        const original = readFileSync(join(dir, service.file), 'utf8');
        const texts: string[] = [];
        let text = original;
        for (const [from, to] of service.typed) {
          const steps = typing(text, from, to);
          assert.ok(steps.length > 0, `"${from}" occurs in ${service.file}`);
          texts.push(...steps);
          text = steps[steps.length - 1] ?? text;
        }
        const random = randomSource(service.file.length * 7919);
        for (let i = 0; i < 25; i++) texts.push((text = randomEdit(text, random)));
        texts.push(original);
        await checkEdits(dir, session, service.file, texts);
      } finally {
        session.dispose();
      }
    });
  }
});
