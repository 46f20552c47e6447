import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { editBetween } from '../../../src/core/sourceEdit';
import type { FileIndex, SourceHandler } from '../../../src/core/source/handlerTypes';
import { indexAfterEdit } from '../../../src/core/source/indexAfterEdit';
import type { SourceRange } from '../../../src/core/source/syntaxNode';

const range = (startLine0: number, startColumn0: number, endLine0: number, endColumn0: number): SourceRange => ({ startLine0, startColumn0, endLine0, endColumn0 });

function route(name: string, at: SourceRange, fn: SourceRange = at): SourceHandler {
  return { kind: 'route', framework: 'express', method: 'GET', pathTemplate: name, name: `GET ${name}`, range: at, functionRange: fn };
}

// Line 0: a route registered by name; lines 2-4: the function it names; line 6: another route.
const BEFORE = ["app.get('/a', handleA);", '', 'function handleA(req, res) {', '  res.send(1);', '}', '', "app.get('/b', (req, res) => res.send(2));", ''].join('\n');
const ROUTE_A = route('/a', range(0, 0, 0, 22), range(2, 0, 4, 1));
const ROUTE_B = route('/b', range(6, 0, 6, 40));
const INDEX: FileIndex = { path: 'a.js', language: 'javascript', handlers: [ROUTE_A, ROUTE_B] };
const FUNCTION_STATEMENT = range(2, 0, 4, 1);

describe('indexAfterEdit: the handler index follows an edit inside one statement', () => {
  test('an edit inside a function body moves what follows it, lines and columns', () => {
    const after = BEFORE.replace('res.send(1);', 'res.send(1);\n  res.end();');
    const edit = editBetween(BEFORE, after);
    const index = indexAfterEdit(INDEX, edit, { before: { range: FUNCTION_STATEMENT, handlers: [] }, after: { handlers: [] }, declaredBefore: ['handleA'], declaredAfter: ['handleA'] });
    assert.deepEqual(index?.handlers, [route('/a', range(0, 0, 0, 22), range(2, 0, 5, 1)), route('/b', range(7, 0, 7, 40))]);
  });

  test('renaming a function another statement registers by name makes the caller index the file again', () => {
    const after = BEFORE.replace('function handleA', 'function handleAll');
    const index = indexAfterEdit(INDEX, editBetween(BEFORE, after), { before: { range: FUNCTION_STATEMENT, handlers: [] }, after: { handlers: [] }, declaredBefore: ['handleA'], declaredAfter: ['handleAll'] });
    assert.equal(index, undefined);
  });

  test('a statement that indexes differently alone than within its file is not trusted', () => {
    const after = BEFORE.replace("'/b'", "'/bb'");
    const statement = range(6, 0, 6, 40);
    // Read alone, the statement found nothing, though the whole file found /b in it (a rule needing context).
    const index = indexAfterEdit(INDEX, editBetween(BEFORE, after), { before: { range: statement, handlers: [] }, after: { handlers: [] }, declaredBefore: [], declaredAfter: [] });
    assert.equal(index, undefined);
  });

  test("the edited statement's handlers are replaced by what it indexes to now", () => {
    const after = BEFORE.replace("'/b'", "'/bb'");
    const statement = range(6, 0, 6, 40);
    const renamed = route('/bb', range(6, 0, 6, 41));
    const index = indexAfterEdit(INDEX, editBetween(BEFORE, after), { before: { range: statement, handlers: [ROUTE_B] }, after: { handlers: [renamed] }, declaredBefore: [], declaredAfter: [] });
    assert.deepEqual(index?.handlers, [ROUTE_A, renamed]);
  });

  test('a handler elsewhere that starts inside the edited text has no place after it', () => {
    // The edit replaces the first line's text up to and including the start of a registration.
    const handlers = [route('/x', range(0, 4, 0, 22))];
    const after = `const x = 1; ${BEFORE.slice(8)}`;
    const index = indexAfterEdit({ ...INDEX, handlers }, editBetween(BEFORE, after), { before: { range: range(2, 0, 4, 1), handlers: [] }, after: { handlers: [] }, declaredBefore: [], declaredAfter: [] });
    assert.equal(index, undefined);
  });
});
