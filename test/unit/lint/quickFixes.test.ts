import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixAndRelint, lintSources, summary } from './lintHarness';


describe('quick fixes: the fixed code parses and the finding goes away', () => {
  test('TypeScript: fetch without options gets a headers object copied from req', async () => {
    const fixed = await fixAndRelint('a.ts', `app.get('/x', async (req, res) => {\n  await fetch('http://y');\n});\n`, /Forward the trace headers from "req"/);
    assert.match(fixed, /await fetch\('http:\/\/y', \{ headers: \{ \.\.\.Object\.fromEntries\(\['x-request-id', .*'traceparent'.*\]\.flatMap/);
  });

  test('TypeScript: options without headers, and axios.post with a headers object', async () => {
    await fixAndRelint('a.ts', `app.get('/x', async (req, res) => {\n  await fetch('http://y', { method: 'POST' });\n});\n`, /Forward/);
    const fixed = await fixAndRelint('a.ts', `app.get('/x', async (req, res) => {\n  await axios.post('http://y', req.body, { headers: { accept: 'json' } });\n});\n`, /Forward/);
    assert.match(fixed, /headers: \{ \.\.\.Object\.fromEntries\(.*\), accept: 'json' \}/);
  });

  test('TypeScript: with @opentelemetry/api a fix injects the context and adds the import once', async () => {
    const fixed = await fixAndRelint('a.ts', `app.get('/x', async (req, res) => {\n  await got.get('http://y', { headers: existing });\n});\n`, /Inject the current trace context/, { dependsOnOtelApi: true });
    assert.ok(fixed.startsWith("import { context, propagation } from '@opentelemetry/api';\n"));
    assert.match(fixed, /headers: \{ \.\.\.existing, \.\.\.\(\(\) => \{ const carrier/);
  });

  test('Python: requests.get gets headers= from request.headers; existing headers are merged', async () => {
    const fixed = await fixAndRelint('app.py', `@app.route("/x")\ndef x():\n    return requests.get("http://y", timeout=2)\n`, /Forward the trace headers from "request"/);
    assert.match(fixed, /requests\.get\("http:\/\/y", timeout=2, headers=\{k: v for k, v in request\.headers\.items\(\) if k\.lower\(\) in \("x-request-id", /);
    const merged = await fixAndRelint('app.py', `@app.route("/x")\ndef x():\n    h = {"accept": "json"}\n    return requests.get("http://y", headers=h)\n`, /Forward/);
    assert.match(merged, /headers=\{\*\*\(h\), \*\*\{k: v for k, v in request\.headers\.items\(\)/);
  });

  test('Python: with opentelemetry-api a fix injects the context', async () => {
    const fixed = await fixAndRelint('app.py', `@app.route("/x")\ndef x():\n    return requests.get("http://y")\n`, /Inject/, { dependsOnOtelApi: true });
    assert.ok(fixed.startsWith('from opentelemetry.propagate import inject\n'));
  });

  test('no forward fix deep in a helper where no request is in scope', async () => {
    const findings = await lintSources({ 'a.ts': `app.get('/x', async (req, res) => { await audit(); });\nasync function audit() { await fetch('http://audit'); }\n` });
    assert.deepEqual(summary(findings), ['missing-trace-headers@2']);
    assert.deepEqual(findings[0]?.fixes.map((fix) => fix.title), []);
  });
});
