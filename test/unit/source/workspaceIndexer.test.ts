import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createGrammarLoader } from '../../../src/treeSitter/grammarLoader';
import { createWorkspaceIndexer, type WorkspaceIndexer } from '../../../src/treeSitter/workspaceIndexer';
import type { WorkspaceIndex } from '../../../src/core/spanMatching/workspaceIndex';

let root: string;
let indexer: WorkspaceIndexer;
before(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'trace-lens-index-'));
  cpSync(path.resolve('test/fixtures/sourceWorkspace'), root, { recursive: true });
  indexer = createWorkspaceIndexer(root, createGrammarLoader());
  await indexer.indexAll();
});
after(() => {
  indexer.dispose();
  rmSync(root, { recursive: true, force: true });
});

const routesOf = (index: WorkspaceIndex, file: string) => index.files.find((entry) => entry.path === file)?.handlers.map((handler) => handler.name) ?? [];

test('the cold index holds every source file of every language and the manifest aliases', () => {
  const index = indexer.current();
  assert.deepEqual(index.files.map((file) => file.language).sort(), ['go', 'java', 'javascript', 'python', 'ruby']);
  assert.deepEqual(index.serviceAliases.map((group) => group.names), [['details-v1', 'details'], ['web-frontend', 'productpage']]);
});

test('a changed file is re-indexed alone, listeners hear of it, and an unchanged index keeps its identity', async () => {
  const before = indexer.current();
  assert.equal(indexer.current(), before, 'no change: same object, so compiled lookups stay cached');
  const heard: WorkspaceIndex[] = [];
  const unsubscribe = indexer.onDidChange((index) => heard.push(index));
  writeFileSync(path.join(root, 'details/app.rb'), "get '/details/:id/v2' do\nend\n");
  const after = await indexer.updateFile(path.join(root, 'details/app.rb'));
  unsubscribe();
  assert.notEqual(after, before);
  assert.deepEqual(heard, [after]);
  assert.deepEqual(routesOf(after, 'details/app.rb'), ['GET /details/:id/v2']);
  assert.deepEqual(routesOf(after, 'gateway/main.go'), routesOf(before, 'gateway/main.go'));
  // The other files' entries are the very same objects: only the changed file was parsed again.
  assert.equal(after.files.find((file) => file.path === 'gateway/main.go'), before.files.find((file) => file.path === 'gateway/main.go'));
});

test('new and deleted files', async () => {
  writeFileSync(path.join(root, 'gateway/extra.go'), 'package main\nfunc init() { http.HandleFunc("/extra", h) }\n');
  assert.deepEqual(routesOf(await indexer.updateFile('gateway/extra.go'), 'gateway/extra.go'), ['ANY /extra']);
  const removed = indexer.removeFile(path.join(root, 'gateway/extra.go'));
  assert.equal(removed.files.some((file) => file.path === 'gateway/extra.go'), false);
});
