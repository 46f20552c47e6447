import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lintSources, summary } from './lintHarness';

describe('TypeScript/JavaScript propagation lint', () => {
  test('an Express handler calling fetch without trace headers is flagged, naming the handler', async () => {
    const findings = await lintSources({
      'src/orders.ts': `import express from 'express';
const app = express();
app.get('/orders/:id', async (req, res) => {
  const stock = await fetch(\`http://inventory/items/\${req.params.id}\`);
  res.json(await stock.json());
});`,
    });
    assert.deepEqual(summary(findings), ['missing-trace-headers@4']);
    assert.equal(findings[0]?.client, 'fetch');
    assert.equal(findings[0]?.handler.range.start.row, 2);
    assert.equal(findings[0]?.handler.name, 'GET /orders/:id');
    assert.match(findings[0]?.message ?? '', /while serving "GET \/orders\/:id"/);
    assert.match(findings[0]?.message ?? '', /none of the trace headers/);
  });

  test('headers copied whole from the incoming request are covered', async () => {
    const findings = await lintSources({
      'a.js': `app.post('/pay', async (req, res) => {
  await axios.post('http://billing/charge', req.body, { headers: { ...req.headers } });
});`,
    });
    assert.deepEqual(summary(findings), []);
  });

  test('forwarding the B3 and W3C headers by name is covered; only x-request-id is partial', async () => {
    const covered = await lintSources({
      'a.ts': `router.get('/x', async (req, res) => {
  const headers = { 'x-request-id': req.headers['x-request-id'] };
  headers['traceparent'] = req.headers['traceparent'];
  await fetch('http://y', { headers });
});`,
    });
    assert.deepEqual(summary(covered), []);
    const partial = await lintSources({
      'a.ts': `router.get('/x', async (req, res) => {
  await fetch('http://y', { headers: { 'x-request-id': req.get('x-request-id') } });
});`,
    });
    assert.deepEqual(summary(partial), ['partial-trace-headers@2']);
    assert.match(partial[0]?.message ?? '', /only x-request-id/);
  });

  test("a Jaeger-only uber-trace-id is partial", async () => {
    const findings = await lintSources({
      'a.ts': `app.get('/x', async (req, res) => {
  await axios.get('http://y', { headers: { 'uber-trace-id': req.headers['uber-trace-id'] } });
});`,
    });
    assert.deepEqual(summary(findings), ['partial-trace-headers@2']);
    assert.match(findings[0]?.message ?? '', /uber-trace-id/);
  });

  test('a copy loop over a constant list: with trace headers covered, over an empty list flagged', async () => {
    const source = (list: string) => `const FORWARDED = [${list}];
app.get('/x', async (req, res) => {
  const headers = {};
  for (const name of FORWARDED) {
    if (req.headers[name]) headers[name] = req.headers[name];
  }
  await fetch('http://y', { headers });
});`;
    assert.deepEqual(summary(await lintSources({ 'a.ts': source("'traceparent', 'tracestate', 'x-b3-traceid'") })), []);
    assert.deepEqual(summary(await lintSources({ 'a.ts': source('') })), ['empty-header-copy-loop@4']);
  });

  test('a helper handed the request builds the headers: covered when it copies, flagged deeper when not', async () => {
    const findings = await lintSources({
      'src/routes.ts': `app.get('/x', async (req, res) => {
  await loadProfile(req.params.id, req.headers);
});`,
      'src/clients.ts': `export async function loadProfile(id: string, incoming: Record<string, string>) {
  await fetch('http://profile/' + id, { headers: { traceparent: incoming.traceparent } });
  await fetch('http://audit/' + id);
}`,
    });
    assert.deepEqual(findings.map((f) => `${f.path}:${f.range.start.row + 1}:${f.rule}`), ['src/clients.ts:3:missing-trace-headers']);
  });

  test('propagation.inject and OpenTelemetry auto-instrumentation are covered', async () => {
    const injected = await lintSources({
      'a.ts': `app.get('/x', async (req, res) => {
  const headers = {};
  propagation.inject(context.active(), headers);
  await got.get('http://y', { headers });
});`,
    });
    assert.deepEqual(summary(injected), []);
    const plain = `app.get('/x', async (req, res) => { await axios.get('http://y'); });`;
    assert.deepEqual(summary(await lintSources({ 'a.ts': plain })), ['missing-trace-headers@1']);
    assert.deepEqual(summary(await lintSources({ 'a.ts': plain }, { instrumentation: ['node-http'] })), []);
    assert.deepEqual(summary(await lintSources({ 'a.ts': plain, 'tracing.ts': `registerInstrumentations({ instrumentations: [new HttpInstrumentation()] });` })), []);
  });

  test('outbound calls outside any handler, and suppressed lines, are not flagged', async () => {
    const findings = await lintSources({
      'a.ts': `async function warmCache() { await fetch('http://cache/warm'); }
app.get('/x', async (req, res) => {
  // trace-lens-ignore-next-line
  await fetch('http://metrics/ping');
});`,
    });
    assert.deepEqual(summary(findings), []);
  });

  test('clients made with axios.create, NestJS controllers and Next.js route handlers', async () => {
    const findings = await lintSources({
      'api.ts': `const api = axios.create({ baseURL: 'http://catalog' });
@Controller('items')
export class ItemsController {
  @Get(':id')
  async find(@Req() req: Request) {
    return api.get('/items');
  }
}`,
      'app/route.ts': `export async function GET(request: Request) {
  return fetch('http://upstream', { headers: { traceparent: request.headers.get('traceparent') ?? '' } });
}
export async function POST(request: Request) {
  return fetch('http://upstream', { method: 'POST' });
}`,
    });
    assert.deepEqual(findings.map((f) => `${f.path}:${f.range.start.row + 1}:${f.client}`), ['api.ts:6:axios', 'app/route.ts:5:fetch']);
  });
});
