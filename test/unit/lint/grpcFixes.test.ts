import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixAndRelint, lintSources, pythonServicer as servicer, summary } from './lintHarness';

/** The default configured headers, as the fixes spell their lists. */
const JS_NAMES = "'x-request-id', 'x-b3-traceid', 'x-b3-spanid', 'x-b3-parentspanid', 'x-b3-sampled', 'x-b3-flags', 'x-ot-span-context', 'traceparent', 'grpc-trace-bin', 'x-cloud-trace-context', 'b3', 'tracestate', 'baggage'";
/** From an HTTP request `grpc-trace-bin` is left out: its base64 text is no valid `-bin` metadata value. */
const JS_HTTP_NAMES = JS_NAMES.replace("'grpc-trace-bin', ", '');
const PY_NAMES = JS_NAMES.replaceAll("'", '"');
const PY_HTTP_NAMES = JS_HTTP_NAMES.replaceAll("'", '"');

/** A grpc-js server whose `getQuote` method (registered by name) calls the inventory service. */
const grpcServer = (body: string, imports = "const grpc = require('@grpc/grpc-js');") => `${imports}
const proto = grpc.loadPackageDefinition(protoLoader.loadSync('shop.proto')).shop;
const inventory = new proto.Inventory('inventory:50051', grpc.credentials.createInsecure());
function getQuote(call, callback) {
${body}
}
const server = new grpc.Server();
server.addService(proto.Quotes.service, { getQuote });
`;

/** An Express gateway calling a generated GreeterClient. */
const gateway = (line: string, imports = "import { credentials } from '@grpc/grpc-js';") => `${imports}
import { GreeterClient } from './generated/helloworld_grpc_pb';
const greeter = new GreeterClient('greeter:50051', credentials.createInsecure());
app.get('/hello/:name', (req, res) => {
  ${line}
});
`;

describe('grpc-js quick fixes: the trace headers go in a Metadata argument', () => {
  test('serving a gRPC call: a Metadata copied from call.metadata goes between the request and the callback', async () => {
    const fixed = await fixAndRelint('server.js', grpcServer('  inventory.reserve({ sku: call.request.sku }, callback);'), /Forward the trace headers from the incoming gRPC metadata/);
    const metadata = `(() => { const metadata = new grpc.Metadata(); for (const name of [${JS_NAMES}]) { const [value] = call.metadata.get(name); if (value === undefined) continue; metadata.set(name, value); } return metadata; })()`;
    assert.ok(fixed.includes(`  inventory.reserve({ sku: call.request.sku }, ${metadata}, callback);\n`), fixed);
    assert.ok(fixed.startsWith("const grpc = require('@grpc/grpc-js');\nconst proto"), 'no second import');
  });

  test('serving an HTTP request: req.headers copied; Metadata added to the named import; an inline addService method is gRPC', async () => {
    const fixed = await fixAndRelint('gateway.ts', gateway('greeter.sayHello({ name: req.params.name }, (err, reply) => res.json(reply));'), /Forward the trace headers from "req"/);
    assert.ok(fixed.startsWith("import { credentials, Metadata } from '@grpc/grpc-js';\n"), fixed);
    const metadata = `(() => { const metadata = new Metadata(); for (const name of [${JS_HTTP_NAMES}]) { const value = req.headers[name]; if (typeof value !== 'string') continue; metadata.set(name, value); } return metadata; })()`;
    assert.ok(fixed.includes(`greeter.sayHello({ name: req.params.name }, ${metadata}, (err, reply) => res.json(reply));`), fixed);
    const inline = `const grpc = require('@grpc/grpc-js');
const pricing = new grpc.Client('pricing:50051', grpc.credentials.createInsecure());
server.addService(proto.Shop.service, {
  getPrice: (call, callback) => { pricing.makeUnaryRequest('/Pricing/Get', ser, de, call.request, callback); },
});`;
    const generic = await fixAndRelint('server.js', inline, /incoming gRPC metadata/);
    assert.ok(generic.includes("makeUnaryRequest('/Pricing/Get', ser, de, call.request, (() => { const metadata = new grpc.Metadata(); for (const name of ["), generic);
  });

  test('promisified RPCs get the Metadata appended; streams without a request take it first; call options stay after it', async () => {
    const promisified = gateway("res.json(await sayHello({ name: req.params.name }));").replace("app.get('/hello/:name', (req", "const sayHello = promisify(greeter.sayHello).bind(greeter);\napp.get('/hello/:name', async (req");
    const fixed = await fixAndRelint('gateway.ts', `import { promisify } from 'node:util';\n${promisified}`, /Forward/);
    assert.match(fixed, /await sayHello\(\{ name: req\.params\.name \}, \(\(\) => \{ const metadata = new Metadata\(\);.* return metadata; \}\)\(\)\)\);/);
    const stream = await fixAndRelint('gateway.ts', gateway('const chat = greeter.routeChat();\n  chat.write({ name: req.params.name });'), /Forward/);
    assert.match(stream, /const chat = greeter\.routeChat\(\(\(\) => \{ const metadata = new Metadata\(\);.*return metadata; \}\)\(\)\);/);
    const options = await fixAndRelint('gateway.ts', gateway('greeter.sayHello({ name: req.params.name }, { deadline: Date.now() + 500 }, (err, reply) => res.json(reply));'), /Forward/);
    assert.match(options, /return metadata; \}\)\(\), \{ deadline: Date\.now\(\) \+ 500 \}, \(err, reply\) =>/);
  });

  test('a Metadata variable passed already gets the missing keys set before the statement making the call', async () => {
    const source = grpcServer(`  const md = new grpc.Metadata();
  md.set('x-request-id', call.metadata.get('x-request-id')[0]);
  inventory.reserve({ sku: call.request.sku }, md, callback);`);
    assert.deepEqual(summary(await lintSources({ 'server.js': source })), ['partial-trace-headers@7']);
    const fixed = await fixAndRelint('server.js', source, /incoming gRPC metadata/);
    assert.ok(fixed.includes(`  md.set('x-request-id', call.metadata.get('x-request-id')[0]);
  for (const name of [${JS_NAMES}]) {
    const [value] = call.metadata.get(name);
    if (value === undefined) continue;
    md.set(name, value);
  }
  inventory.reserve({ sku: call.request.sku }, md, callback);`), fixed);
  });

  test('inject: propagation.inject into the Metadata, imported the way the file imports (require, namespace import)', async () => {
    const commonJs = await fixAndRelint('server.js', grpcServer('  inventory.reserve({ sku: call.request.sku }, callback);'), /Inject the current trace context into the gRPC metadata/, { dependsOnOtelApi: true });
    assert.ok(commonJs.startsWith("const grpc = require('@grpc/grpc-js');\nconst { context, propagation } = require('@opentelemetry/api');\nconst proto"), commonJs);
    assert.ok(commonJs.includes('(() => { const metadata = new grpc.Metadata(); propagation.inject(context.active(), metadata, { set: (carrier, key, value) => carrier.set(key, value) }); return metadata; })(), callback);'), commonJs);
    const namespace = await fixAndRelint(
      'gateway.ts',
      gateway('greeter.sayHello({ name: req.params.name }, md, (err, reply) => res.json(reply));', "import * as api from '@opentelemetry/api';\nimport * as grpc from '@grpc/grpc-js';\nconst credentials = grpc.credentials;").replace("  greeter", '  const md: grpc.Metadata = new grpc.Metadata();\n  greeter'),
      /Inject/,
      { dependsOnOtelApi: true },
    );
    assert.ok(namespace.startsWith("import * as api from '@opentelemetry/api';\nimport * as grpc from '@grpc/grpc-js';\n"), namespace);
    assert.ok(namespace.includes('  api.propagation.inject(api.context.active(), md, { set: (carrier, key, value) => carrier.set(key, value) });\n  greeter.sayHello('), namespace);
  });

  test('in a helper the serving function calls there is no request to copy from: inject only', async () => {
    const source = grpcServer('  reserveAll(call.request);').replace('const server =', 'function reserveAll(items) {\n  inventory.reserveAll(items, (err) => {});\n}\nconst server =');
    const [finding] = await lintSources({ 'server.js': source }, { dependsOnOtelApi: true });
    assert.deepEqual(finding?.fixes.map((fix) => fix.title), ['Inject the current trace context into the gRPC metadata (OpenTelemetry propagation API)']);
    const fixed = await fixAndRelint('server.js', source, /Inject/, { dependsOnOtelApi: true });
    assert.ok(fixed.includes('  inventory.reserveAll(items, (() => { const metadata = new grpc.Metadata(); propagation.inject('), fixed);
  });

  test('a file importing only the generated client gets an import of Metadata after its imports', async () => {
    const source = gateway('greeter.sayHello({ name: req.params.name }, (err, reply) => res.json(reply));', "import { creds } from './config';").replace('credentials.createInsecure()', 'creds');
    const fixed = await fixAndRelint('gateway.ts', source, /Forward/);
    assert.ok(fixed.startsWith("import { creds } from './config';\nimport { GreeterClient } from './generated/helloworld_grpc_pb';\nimport { Metadata } from '@grpc/grpc-js';\nconst greeter"), fixed);
  });

  test('no fix where the metadata argument is an expression, a name of unknown kind, or a variable with no statement to precede', async () => {
    const cases = [
      grpcServer('  inventory.reserve({ sku: call.request.sku }, makeMetadata(), callback);'),
      grpcServer('  inventory.reserve({ sku: call.request.sku }, extra, callback);'),
      `const grpc = require('@grpc/grpc-js');
const inventory = new proto.Inventory('inventory:50051', grpc.credentials.createInsecure());
const md = new grpc.Metadata();
server.addService(proto.Quotes.service, { getQuote: (call, callback) => inventory.reserve(call.request, md, callback) });`,
    ];
    for (const source of cases) {
      const findings = await lintSources({ 'server.js': source });
      assert.equal(findings.length, 1, source);
      assert.deepEqual(findings[0]?.fixes, [], source);
    }
  });
});


/** A Flask route calling a Greeter stub. */
const flask = (line: string) => `import grpc
from helloworld_pb2_grpc import GreeterStub
greeter = GreeterStub(grpc.insecure_channel("greeter:50051"))

@app.route("/hello/<name>")
def hello(name):
    ${line}
`;

describe('Python grpc quick fixes: the trace headers go in metadata=', () => {
  test('in a servicer: the configured keys of context.invocation_metadata()', async () => {
    const fixed = await fixAndRelint('server.py', servicer('        return self.inventory.Reserve(ReserveRequest(sku=request.sku))'), /Forward the trace headers from the incoming gRPC metadata/);
    assert.ok(fixed.includes(`        return self.inventory.Reserve(ReserveRequest(sku=request.sku), metadata=[(k, v) for k, v in context.invocation_metadata() if k in (${PY_NAMES})])\n`), fixed);
  });

  test('in a Flask route: request.headers, keys lower-cased; .future and .with_call alike', async () => {
    const fixed = await fixAndRelint('app.py', flask('return greeter.SayHello(HelloRequest(name=name)).message'), /Forward the trace headers from "request"/);
    assert.ok(fixed.includes(`greeter.SayHello(HelloRequest(name=name), metadata=[(k.lower(), v) for k, v in request.headers.items() if k.lower() in (${PY_HTTP_NAMES})]).message`), fixed);
    const future = await fixAndRelint('app.py', flask('return greeter.SayHello.future(HelloRequest(name=name), timeout=2).result().message'), /Forward/);
    assert.ok(future.includes('greeter.SayHello.future(HelloRequest(name=name), timeout=2, metadata=[(k.lower(), v) for k, v in request.headers.items()'), future);
  });

  test('metadata= passed already: the pairs are appended to it; None is replaced', async () => {
    const partial = servicer('        return self.inventory.Reserve.with_call(ReserveRequest(sku=request.sku), metadata=[("x-request-id", "abc")])');
    assert.deepEqual(summary(await lintSources({ 'server.py': partial })), ['partial-trace-headers@9']);
    const merged = await fixAndRelint('server.py', partial, /Forward/);
    assert.ok(merged.includes('metadata=list([("x-request-id", "abc")]) + [(k, v) for k, v in context.invocation_metadata() if k in ('), merged);
    const none = await fixAndRelint('server.py', servicer('        return self.inventory.Reserve(ReserveRequest(sku=request.sku), metadata=None)'), /Forward/);
    assert.ok(none.includes('metadata=[(k, v) for k, v in context.invocation_metadata()'), none);
  });

  test('inject: metadata from inject() into a dict, the import after the module imports', async () => {
    const fixed = await fixAndRelint('server.py', servicer('        return self.inventory.Reserve(ReserveRequest(sku=request.sku))'), /Inject the current trace context into the gRPC metadata/, { dependsOnOtelApi: true });
    assert.ok(fixed.startsWith('import grpc\nimport inventory_pb2_grpc\nfrom opentelemetry.propagate import inject\n\nclass Quotes'), fixed);
    assert.ok(fixed.includes('Reserve(ReserveRequest(sku=request.sku), metadata=list((lambda carrier: (inject(carrier), carrier)[1])({}).items()))'), fixed);
    const imported = await fixAndRelint('server.py', servicer('        return self.inventory.Reserve(ReserveRequest(sku=request.sku))', 'import grpc\nfrom opentelemetry.propagate import inject\nimport inventory_pb2_grpc'), /Inject/, { dependsOnOtelApi: true });
    assert.equal(imported.split('import inject').length, 2, imported);
  });

  test('a helper method of the servicer: no forward fix (its parameters are no context, request is no HTTP request), inject only', async () => {
    const source = servicer(`        return self._reserve(request.sku)

    def _reserve(self, sku):
        return self.inventory.Reserve(ReserveRequest(sku=sku))`);
    const [finding] = await lintSources({ 'server.py': source });
    assert.deepEqual(summary(finding ? [finding] : []), ['missing-trace-headers@12']);
    assert.deepEqual(finding?.fixes, []);
    await fixAndRelint('server.py', source, /Inject/, { dependsOnOtelApi: true });
  });

  test('no fix where metadata may be passed positionally or through *args / **kwargs', async () => {
    for (const call of ['Reserve(req, 5, extra)', 'Reserve(req, **options)', 'Reserve(*args)']) {
      const source = servicer(`        return self.inventory.${call}`);
      const findings = await lintSources({ 'server.py': source });
      assert.equal(findings.length, 1, source);
      assert.deepEqual(findings[0]?.fixes, [], source);
    }
  });
});
