import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createGrammarLoader } from '../../../src/treeSitter/grammarLoader';
import { lintPackage } from '../../../src/core/lint/lintPackage';
import { sourceIndexLocator } from '../../../src/core/lint/sourceIndexLocator';
import { indexSourceFile } from '../../../src/core/source/indexSourceFile';
import type { FileIndex } from '../../../src/core/source/handlerTypes';
import { languageOfPath } from '../../../src/core/sourceLanguage';
import { DEFAULT_SETTINGS } from './lintHarness';

const SOURCES: Record<string, string> = {
  'app.py': `@app.route("/orders/<order_id>")
def get_order(order_id):
    return requests.get(f"http://inventory/{order_id}").json()

def not_a_view(x):
    return requests.get("http://elsewhere").json()
`,
  'routes.ts': `router.get('/items/:id', async (req, res) => {
  res.json(await (await fetch('http://catalog/' + req.params.id)).json());
});
`,
};

test('with the shared source index as handler locator the same calls are flagged', async () => {
  const loader = createGrammarLoader();
  const files = [];
  const indexes = new Map<string, FileIndex>();
  for (const [path, text] of Object.entries(SOURCES)) {
    const language = languageOfPath(path);
    assert.ok(language);
    const tree = (await loader.parserFor(language)).parse(text);
    assert.ok(tree);
    indexes.set(path, indexSourceFile(tree, language, path));
    files.push({ path, language, root: tree.rootNode });
  }
  const facts = { instrumentation: new Set<never>(), dependsOnOtelApi: false };
  const where = (findings: ReturnType<typeof lintPackage>) => findings.map((finding) => `${finding.path}:${finding.range.start.row + 1}:${finding.handler.name}`).sort();
  const viaIndex = where(lintPackage(files, DEFAULT_SETTINGS, facts, { locator: sourceIndexLocator(indexes) }));
  assert.deepEqual(viaIndex, ['app.py:3:get_order', 'routes.ts:2:GET /items/:id']);
  assert.deepEqual(viaIndex, where(lintPackage(files, DEFAULT_SETTINGS, facts)));
});
