import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findSyntaxErrorOffset, parseJsonText, parseNdjsonText } from '../../../src/core/jsonText';

describe('parseJsonText', () => {
  test('parses JSON and ignores a UTF-8 BOM', () => {
    assert.deepEqual(parseJsonText('\uFEFF{"a":1}'), { ok: true, value: { a: 1 } });
  });

  test('a V8 error with a position ("in JSON at position N") becomes line/column', () => {
    const result = parseJsonText('{\n  "a": 1\n  "b": 2\n}');
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.line, 3);
    assert.equal(result.column, 3);
    assert.match(result.message, /^line 3, column 3: Expected ',' or '}' after property value$/);
  });

  test('a V8 "Unexpected token" error, which has no position, is located by the scanner', () => {
    // The anonymizer's trace_scan_error.json: a trailing comma before `]`.
    const text = '[{"traceID":"2be38093ead7a083","spanID":"7606ddfe69932d34","duration":267037},\n]\n';
    const result = parseJsonText(text);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual([result.line, result.column], [2, 1]);
    assert.equal(result.message, "line 2, column 1: Unexpected token ']'");
  });

  test('column 87 on line 1, as a long one-line file reports it', () => {
    const text = `{"data":[{"traceID":"${'a'.repeat(32)}","spans":[{"spanID":"${'b'.repeat(16)}"}}]}`;
    const offset = text.indexOf('}}') + 1;
    const result = parseJsonText(text);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.line, 1);
    assert.equal(result.column, offset + 1);
    assert.match(result.message, /^line 1, column \d+: /);
  });

  test('truncated input reports the end of the text', () => {
    const result = parseJsonText('{"resourceSpans": [\n  {"resource": {}');
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual([result.line, result.column], [2, 18]);
    assert.match(result.message, /^line 2, column 18: /);
  });

  test('"Unexpected end of JSON input" (no position from V8) points just past the last character', () => {
    const result = parseJsonText('{\n"a":');
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.message, 'line 2, column 5: Unexpected end of JSON input');
  });

  test('a BOM does not shift the reported column', () => {
    const result = parseJsonText('\uFEFF{"a" 1}');
    assert.equal(result.ok, false);
    if (!result.ok) assert.deepEqual([result.line, result.column], [1, 6]);
  });
});

describe('findSyntaxErrorOffset', () => {
  test('agrees with V8 where V8 gives a position', () => {
    for (const text of ['{"a":1', '[1,2]x', '{"a" 1}', '{"a":"b\nc"}', '[01]', '{"a":tru}', '[1,]', '{"a":1,}', '"\\x"']) {
      let v8: number | undefined;
      try {
        JSON.parse(text);
      } catch (error) {
        const match = /position (\d+)/.exec((error as Error).message);
        v8 = match ? Number(match[1]) : undefined;
      }
      if (v8 !== undefined) assert.equal(findSyntaxErrorOffset(text), v8, text);
      else assert.ok(findSyntaxErrorOffset(text) >= 0, text);
    }
  });
  test('returns -1 for valid JSON, including deep nesting without recursion', () => {
    assert.equal(findSyntaxErrorOffset('{"a":[1,2.5e-3,true,null,"\\u00e9"]}'), -1);
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    assert.equal(findSyntaxErrorOffset(deep), -1);
  });
});

describe('parseNdjsonText', () => {
  test('parses one document per line and skips blank lines', () => {
    const result = parseNdjsonText('{"a":1}\n\n{"a":2}\r\n');
    assert.deepEqual(result, { ok: true, documents: [{ line: 1, value: { a: 1 } }, { line: 3, value: { a: 2 } }] });
  });
  test('a bad line reports its own line number and column', () => {
    const result = parseNdjsonText('{"a":1}\n{"a":2}\n{"a":3,}\n');
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual([result.line, result.column], [3, 8]);
    assert.match(result.message, /^line 3, column 8: /);
  });
});
