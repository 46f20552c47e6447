import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lintSources, summary } from './lintHarness';
import { cli, scratchFolder } from '../cli/cliHarness';

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

  test("a file-level constant is read from its own declaration, never from a same-named local of another function", async () => {
    const source = (constant: string) => `${constant}
function probeHeaders() {
  const headers = { traceparent: 'probe' };
  return headers;
}
app.get('/x', async (req, res) => {
  await fetch('http://y', { headers });
});`;
    assert.deepEqual(summary(await lintSources({ 'a.ts': source("import { DEFAULT_HEADERS as headers } from './defaults';") })), ['missing-trace-headers@7']);
    assert.deepEqual(summary(await lintSources({ 'a.ts': source("const headers = { 'x-request-id': 'fixed' };") })), ['partial-trace-headers@7']);
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
  test('an Express route naming a function of the file: the named function is the handler, both ways', async () => {
    const source = (send: string) => `import express from 'express';
const app = express();
app.get('/orders/:id', requireAuth, getOrder);
app.post('/orders', createOrder);
async function getOrder(req, res) {
  res.json(await (await fetch('http://inventory/' + req.params.id${send})).json());
}
const createOrder = async (req, res) => {
  await axios.post('http://billing/charge', req.body${send});
};
function unrelated(req) {
  return fetch('http://elsewhere');
}`;
    const flagged = await lintSources({ 'src/app.js': source('') });
    assert.deepEqual(summary(flagged), ['missing-trace-headers@6', 'missing-trace-headers@9']);
    assert.deepEqual(flagged.map((finding) => `${finding.handler.name}@${finding.handler.range.start.row + 1}`), ['getOrder@5', 'createOrder@8']);
    assert.deepEqual(summary(await lintSources({ 'src/app.js': source(', { headers: { traceparent: req.get(\'traceparent\') } }') })), []);
  });

  test('a named function is no handler when only a map lookup or another file names it', async () => {
    const findings = await lintSources({
      'a.ts': `const value = cache.get('users', fallback);
async function fallback(req) { return fetch('http://users'); }`,
    });
    assert.deepEqual(summary(findings), []);
  });

  const greeterServer = (body: string, imports = "const grpc = require('@grpc/grpc-js');") => `${imports}
const proto = grpc.loadPackageDefinition(protoLoader.loadSync('shop.proto')).shop;
const inventory = new proto.Inventory('inventory:50051', grpc.credentials.createInsecure());
function getQuote(call, callback) {
${body}
}
const server = new grpc.Server();
server.addService(proto.Quotes.service, { getQuote });`;

  test('grpc-js: an RPC on a stub while serving an addService method is flagged; the handler is the named implementation', async () => {
    const findings = await lintSources({ 'server.js': greeterServer(`  inventory.reserve({ sku: call.request.sku }, (err, reply) => callback(err, reply));`) });
    assert.deepEqual(summary(findings), ['missing-trace-headers@5']);
    assert.equal(findings[0]?.client, 'grpc-js');
    assert.equal(findings[0]?.handler.name, 'getQuote');
    assert.match(findings[0]?.message ?? '', /grpc-js call is made while serving "getQuote"/);
  });

  test('grpc-js: Metadata cloned from the incoming call, a forwarded traceparent, or an injecting propagator are covered', async () => {
    const cloned = `  const md = call.metadata.clone();
  inventory.reserve({ sku: call.request.sku }, md, callback);`;
    assert.deepEqual(summary(await lintSources({ 'server.js': greeterServer(cloned) })), []);
    const oneHeader = `  const md = new grpc.Metadata();
  md.set('traceparent', call.metadata.get('traceparent')[0]);
  inventory.reserve({ sku: call.request.sku }, md, callback);`;
    assert.deepEqual(summary(await lintSources({ 'server.js': greeterServer(oneHeader) })), []);
    const requestIdOnly = `  const md = new grpc.Metadata();
  md.set('x-request-id', call.metadata.get('x-request-id')[0]);
  inventory.reserve({ sku: call.request.sku }, md, callback);`;
    assert.deepEqual(summary(await lintSources({ 'server.js': greeterServer(requestIdOnly) })), ['partial-trace-headers@7']);
    const injected = `  const md = new grpc.Metadata();
  propagation.inject(context.active(), md, { set: (carrier, key, value) => carrier.set(key, value) });
  inventory.reserve({ sku: call.request.sku }, md, callback);`;
    assert.deepEqual(summary(await lintSources({ 'server.js': greeterServer(injected) })), []);
  });

  test('grpc-js: the grpc instrumentation covers stubs, the http instrumentation alone does not', async () => {
    const server = greeterServer(`  inventory.reserve({ sku: call.request.sku }, callback);`);
    assert.deepEqual(summary(await lintSources({ 'server.js': server }, { instrumentation: ['node-http'] })), ['missing-trace-headers@5']);
    assert.deepEqual(summary(await lintSources({ 'server.js': server }, { instrumentation: ['node-grpc'] })), []);
    assert.deepEqual(summary(await lintSources({ 'server.js': server, 'tracing.js': `registerInstrumentations({ instrumentations: [new GrpcInstrumentation()] });` })), []);
    assert.deepEqual(summary(await lintSources({ 'server.js': server, 'tracing.js': `new NodeSDK({ instrumentations: [getNodeAutoInstrumentations()] }).start();` })), []);
  });

  test('grpc-js: generated GreeterClient stubs, promisified RPCs, and inline implementations of an Express gateway', async () => {
    const findings = await lintSources({
      'gateway.ts': `import { promisify } from 'node:util';
import { credentials, Metadata } from '@grpc/grpc-js';
import { GreeterClient } from './generated/helloworld_grpc_pb';
const greeter = new GreeterClient('greeter:50051', credentials.createInsecure());
const sayHello = promisify(greeter.sayHello).bind(greeter);
app.get('/hello/:name', async (req, res) => {
  res.json(await sayHello({ name: req.params.name }));
});
app.get('/hello2/:name', (req, res) => {
  const md = new Metadata();
  md.set('traceparent', req.headers['traceparent']);
  greeter.sayHello({ name: req.params.name }, md, (err, reply) => res.json(reply));
});`,
    });
    assert.deepEqual(summary(findings), ['missing-trace-headers@7']);
    // An RPC takes its headers as a Metadata argument, not a `{ headers }` option (see grpcFixes.test.ts).
    assert.deepEqual(findings[0]?.fixes.map((fix) => fix.title), ['Forward the trace headers from "req"']);
    assert.ok(findings[0]?.fixes[0]?.edits.some((edit) => edit.newText.includes('new Metadata()')), 'the fix builds a Metadata');
    const inline = await lintSources({
      'server.js': `const grpc = require('@grpc/grpc-js');
const pricing = new grpc.Client('pricing:50051', grpc.credentials.createInsecure());
server.addService(proto.Shop.service, {
  getPrice: (call, callback) => { pricing.makeUnaryRequest('/Pricing/Get', ser, de, call.request, callback); },
  listItems(call) { pricing.makeUnaryRequest('/Pricing/List', ser, de, call.request, call.metadata, () => call.end()); },
});`,
    });
    assert.deepEqual(inline.map((f) => `${f.rule}@${f.range.start.row + 1} ${f.handler.name}`), ['missing-trace-headers@4 Shop/getPrice']);
  });

  test('grpc-js near misses: no grpc import, a Server or Metadata, ordinary method calls are not RPCs', async () => {
    const findings = await lintSources({
      'a.js': `const grpc = require('@grpc/grpc-js');
const server = new grpc.Server();
const md = new grpc.Metadata();
const cache = new Map();
const repo = new OrderRepository(db, { pool: 4 });
app.get('/x', async (req, res) => {
  server.bindAsync('0.0.0.0:1', creds, () => {});
  md.set('a', 'b');
  cache.get('k');
  res.json(await repo.find(req.params.id));
});`,
      'b.js': `const inventory = new proto.Inventory('inventory:50051', credentials);
app.get('/y', (req, res) => inventory.reserve({}, () => res.end()));`,
    });
    assert.deepEqual(summary(findings), []);
  });
  test('columns on a line with non-ASCII text before the call count UTF-16 code units, in the finding and all CLI outputs', async () => {
    // 'é' is one UTF-16 unit (two UTF-8 bytes), '😀' two units (four bytes): byte columns would be 3 further right.
    const line = "app.get('/x', async (req, res) => { const s = 'héllo😀'; await fetch('http://y/' + s); });";
    const expected = line.indexOf('fetch(');
    const [finding] = await lintSources({ 'a.ts': line });
    assert.deepEqual([finding?.range.start.row, finding?.range.start.column], [0, expected]);
    assert.equal(finding?.range.end.column, line.indexOf('; });'));
    const folder = scratchFolder();
    try {
      folder.file('package.json', '{}');
      const file = folder.file('a.ts', `${line}\n`);
      const json = JSON.parse((await cli('lint', file, '--format', 'json')).stdout) as { findings: { line: number; column: number }[] };
      assert.deepEqual(json.findings.map((row) => [row.line, row.column]), [[1, expected + 1]]);
      const text = (await cli('lint', file)).stdout;
      assert.match(text, new RegExp(`a\\.ts:1:${expected + 1}: error \\[missing-trace-headers\\]`));
      const sarif = JSON.parse((await cli('lint', file, '--format', 'sarif')).stdout);
      const region = sarif.runs[0].results[0].locations[0].physicalLocation.region;
      assert.deepEqual([region.startLine, region.startColumn, region.endColumn], [1, expected + 1, line.indexOf('; });') + 1]);
    } finally {
      folder.dispose();
    }
  });
});
