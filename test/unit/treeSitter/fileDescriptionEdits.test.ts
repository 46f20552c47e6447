import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeFile, type FileInfo } from '../../../src/core/lint/fileDescription';
import { TYPESCRIPT_RULES } from '../../../src/core/lint/languages/typescriptRules';
import { editBetween } from '../../../src/core/sourceEdit';
import { createGrammarLoader } from '../../../src/treeSitter/grammarLoader';

/**
 * After an edit, the file description re-reads only the top-level statements the edit touched: the
 * others are found again by their recorded offsets (moved by the edit) and keep their records. These
 * tests check both halves: what is reused, and that the result equals a fresh description.
 */

const loader = createGrammarLoader();

const SOURCE = [
  "import axios from 'axios';",
  'const limit = 1;',
  "app.get('/a', async (req, res) => {",
  "  const answer = await axios.get('http://a', { headers: { traceparent: req.get('traceparent') } });",
  '  res.json(answer.data);',
  '});',
  '// trace-lens-ignore-next-line',
  "app.post('/b', (req, res) => fetch('http://b').then(() => res.end()));",
  'function helper(values) { return values.map((value) => value * limit); }',
  '',
].join('\n');

/** What a description says, in plain values (positions included), to compare two descriptions. */
function plain(info: FileInfo) {
  return {
    functions: info.functions.map((fn) => [fn.name, fn.params.join(','), fn.node.startPosition, fn.node.endIndex, fn.body?.startIndex]),
    calls: [...info.callsByFunction].map(([, calls]) => calls.map((call) => [call.path, call.node.startPosition, call.node.endIndex, call.args.map((arg) => arg.text)])),
    suppressedRows: [...info.suppressedRows],
    topLevel: info.topLevel.map((node) => [node.type, node.startIndex]),
    cluesKey: info.cluesKey,
  };
}

async function describeEdit(before: string, after: string) {
  const parser = await loader.parserFor('typescript');
  const oldTree = parser.parse(before);
  assert.ok(oldTree);
  const old = describeFile({ path: 'a.ts', language: 'typescript', root: oldTree.rootNode }, TYPESCRIPT_RULES);
  const edit = editBetween(before, after);
  oldTree.edit(edit);
  const newTree = parser.parse(after, oldTree);
  assert.ok(newTree);
  const edited = describeFile({ path: 'a.ts', language: 'typescript', root: newTree.rootNode, editedFrom: { tree: oldTree, edit } }, TYPESCRIPT_RULES);
  const freshTree = parser.parse(after);
  assert.ok(freshTree);
  const fresh = describeFile({ path: 'a.ts', language: 'typescript', root: freshTree.rootNode }, TYPESCRIPT_RULES);
  return { old, edited, fresh };
}

describe('file description after an edit (tree-sitter, in-process)', () => {
  test('text inserted in one statement: the statements after it keep their records, moved; the result equals a fresh reading', async () => {
    const after = SOURCE.replace('const limit = 1;', 'const limit = 1000;');
    const { old, edited, fresh } = await describeEdit(SOURCE, after);
    const reused = edited.statements.map((statement, i) => statement.nodes === old.statements[i]?.nodes);
    assert.deepEqual(reused, [true, false, true, true, true, true]);
    assert.equal(edited.statements[2]?.startIndex, (old.statements[2]?.startIndex ?? 0) + 3);
    assert.deepEqual(plain(edited), plain(fresh));
    // Rows are zero-based: the comment on row 6 silences row 7.
    assert.deepEqual(edited.suppressedRows, new Set([7]));
  });

  test('a new line before a statement moves its rows; a suppression comment still names the next line', async () => {
    const after = SOURCE.replace('const limit = 1;', 'const limit = 1;\nconst other = 2;');
    const { edited, fresh } = await describeEdit(SOURCE, after);
    assert.deepEqual(plain(edited), plain(fresh));
    assert.deepEqual(edited.suppressedRows, new Set([8]));
  });

  test('an edit that changes what a statement reads is read again', async () => {
    const after = SOURCE.replace("fetch('http://b')", "got.post('http://b')");
    const { old, edited, fresh } = await describeEdit(SOURCE, after);
    assert.deepEqual(plain(edited), plain(fresh));
    const paths = (info: FileInfo) => [...info.callsByFunction.values()].flat().map((call) => call.path);
    assert.ok(paths(old).includes('fetch') && !paths(edited).includes('fetch') && paths(edited).includes('got.post'));
  });

  test('an edit that swallows the statements after it (an unclosed block) still equals a fresh reading', async () => {
    const after = SOURCE.replace('const limit = 1;', 'if (limit) {');
    const { old, edited, fresh } = await describeEdit(SOURCE, after);
    assert.deepEqual(plain(edited), plain(fresh));
    assert.ok(edited.topLevel.length < old.topLevel.length, 'the statements after the edit are inside the block now');
  });
});
