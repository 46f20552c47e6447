import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createGrammarLoader } from '../../../src/treeSitter/grammarLoader';
import { SOURCE_LANGUAGES, languageOfPath } from '../../../src/core/sourceLanguage';

const SAMPLES: Record<string, string> = {
  typescript: 'export function handler(req: Request): void { res.send(1); }',
  tsx: 'export const App = () => <div>{x}</div>;',
  javascript: "app.get('/users/:id', (req, res) => res.send(1));",
  python: "@app.get('/users/{id}')\ndef get_user(id):\n    return id\n",
  go: 'package main\nfunc main() { http.HandleFunc("/x", h) }\n',
  java: 'class A { @GetMapping("/x") String x() { return ""; } }',
  ruby: "get '/users/:id' do\n  'x'\nend\n",
  csharp: 'class A { [HttpGet("x")] public string X() => ""; }',
};

test('every supported language parses a small file without syntax errors', async () => {
  const loader = createGrammarLoader();
  for (const language of SOURCE_LANGUAGES) {
    const parser = await loader.parserFor(language);
    const tree = parser.parse(SAMPLES[language] ?? '');
    assert.ok(tree, language);
    assert.equal(tree.rootNode.hasError, false, `${language}: ${tree.rootNode.toString()}`);
    tree.delete();
    parser.delete();
  }
});

test('a file with broken syntax still parses, with the error marked', async () => {
  const parser = await createGrammarLoader().parserFor('python');
  const tree = parser.parse('def broken(:\n  pass\n');
  assert.equal(tree?.rootNode.hasError, true);
});

test('languages are told by file name', () => {
  assert.equal(languageOfPath('src/routes/users.ts'), 'typescript');
  assert.equal(languageOfPath('web/App.tsx'), 'tsx');
  assert.equal(languageOfPath('types/index.d.ts'), undefined);
  assert.equal(languageOfPath('app/views.py'), 'python');
  assert.equal(languageOfPath('C:\\svc\\Main.JAVA'), 'java');
  assert.equal(languageOfPath('Makefile'), undefined);
  assert.equal(languageOfPath('.github/workflows'), undefined);
});
