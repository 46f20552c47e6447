import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lintSources, pythonServicer, summary } from './lintHarness';

describe('Python propagation lint', () => {
  test('a Flask route calling requests without headers is flagged', async () => {
    const findings = await lintSources({
      'app.py': `from flask import Flask, request
import requests

app = Flask(__name__)

@app.route("/orders/<order_id>")
def get_order(order_id):
    stock = requests.get(f"http://inventory/items/{order_id}")
    return stock.json()
`,
    });
    assert.deepEqual(summary(findings), ['missing-trace-headers@8']);
    assert.equal(findings[0]?.client, 'requests');
    assert.equal(findings[0]?.handler.name, 'get_order');
  });

  test('headers built from request.headers are covered; a dict comprehension over them too', async () => {
    const whole = await lintSources({
      'app.py': `@app.get("/x")
async def x(request: Request):
    async with httpx.AsyncClient() as client:
        return await client.get("http://y", headers=dict(request.headers))
`,
    });
    assert.deepEqual(summary(whole), []);
    const comprehension = await lintSources({
      'app.py': `TRACE = ("traceparent", "tracestate", "x-b3-traceid", "x-b3-spanid", "x-b3-sampled")
@app.route("/x")
def x():
    fwd = {}
    for name in TRACE:
        if name in request.headers:
            fwd[name] = request.headers[name]
    return requests.post("http://y", json={}, headers=fwd).json()
`,
    });
    assert.deepEqual(summary(comprehension), []);
  });

  test('only x-request-id, and a loop over an empty list, are reported', async () => {
    const partial = await lintSources({
      'views.py': `def order(request):
    headers = {"x-request-id": request.headers.get("x-request-id")}
    return requests.get("http://y", headers=headers)
`,
    });
    assert.deepEqual(summary(partial), ['partial-trace-headers@3']);
    const empty = await lintSources({
      'views.py': `FORWARD_HEADERS = []
def order(request):
    headers = {}
    for h in FORWARD_HEADERS:
        headers[h] = request.META.get(h)
    return requests.get("http://y", headers=headers)
`,
    });
    assert.deepEqual(summary(empty), ['empty-header-copy-loop@4']);
  });

  test('Instrumentor().instrument() covers that library only; opentelemetry-instrument covers all', async () => {
    const source = `RequestsInstrumentor().instrument()
@app.route("/x")
def x():
    requests.get("http://a")
    urllib.request.urlopen("http://b")
`;
    assert.deepEqual(summary(await lintSources({ 'app.py': source })), ['missing-trace-headers@5']);
    assert.deepEqual(summary(await lintSources({ 'app.py': source }, { instrumentation: ['python-all'] })), []);
  });

  test('inject() from the OpenTelemetry propagation API is covered', async () => {
    const findings = await lintSources({
      'app.py': `from opentelemetry.propagate import inject
@router.post("/x")
async def x(request: Request):
    headers = {}
    inject(headers)
    async with aiohttp.ClientSession() as session:
        await session.post("http://y", headers=headers)
`,
    });
    assert.deepEqual(summary(findings), []);
  });

  test('calls reached through functions in other files of the package, with the headers passed along', async () => {
    const findings = await lintSources({
      'svc/views.py': `@app.route("/checkout")
def checkout():
    charge(request.headers, 10)
    notify(10)
`,
      'svc/clients.py': `session = requests.Session()
def charge(incoming, amount):
    session.post("http://billing", json={"amount": amount}, headers={"traceparent": incoming.get("traceparent")})
def notify(amount):
    session.post("http://mailer", json={"amount": amount})
`,
    });
    assert.deepEqual(findings.map((f) => `${f.path}:${f.range.start.row + 1}:${f.rule}`), ['svc/clients.py:5:missing-trace-headers']);
  });
  const servicer = pythonServicer;

  test('grpc: an RPC on a stub while serving a servicer method is flagged, naming the method', async () => {
    const findings = await lintSources({ 'server.py': servicer('        return self.inventory.Reserve(ReserveRequest(sku=request.sku))') });
    assert.deepEqual(summary(findings), ['missing-trace-headers@9']);
    assert.equal(findings[0]?.client, 'grpc');
    assert.equal(findings[0]?.handler.name, 'GetQuote');
    // A stub takes `metadata=`, not `headers=` (see grpcFixes.test.ts).
    assert.deepEqual(findings[0]?.fixes.map((fix) => fix.title), ['Forward the trace headers from the incoming gRPC metadata']);
  });

  test('grpc: metadata from invocation_metadata(), a forwarded traceparent, or inject() are covered', async () => {
    const whole = '        return self.inventory.Reserve(ReserveRequest(sku=request.sku), metadata=context.invocation_metadata())';
    assert.deepEqual(summary(await lintSources({ 'server.py': servicer(whole) })), []);
    const picked = `        incoming = dict(context.invocation_metadata())
        metadata = [("traceparent", incoming.get("traceparent", ""))]
        return self.inventory.Reserve.future(ReserveRequest(sku=request.sku), metadata=metadata).result()`;
    assert.deepEqual(summary(await lintSources({ 'server.py': servicer(picked) })), []);
    const requestIdOnly = `        metadata = [("x-request-id", "abc")]
        return self.inventory.Reserve.with_call(ReserveRequest(sku=request.sku), metadata=metadata)`;
    assert.deepEqual(summary(await lintSources({ 'server.py': servicer(requestIdOnly) })), ['partial-trace-headers@10']);
    const injected = `        carrier = {}
        inject(carrier)
        return self.inventory.Reserve(ReserveRequest(sku=request.sku), metadata=list(carrier.items()))`;
    assert.deepEqual(summary(await lintSources({ 'server.py': servicer(injected) })), []);
  });

  test('grpc: GrpcInstrumentorClient().instrument() and opentelemetry-instrument cover stubs; RequestsInstrumentor does not', async () => {
    const body = '        return self.inventory.Reserve(ReserveRequest(sku=request.sku))';
    assert.deepEqual(summary(await lintSources({ 'server.py': servicer(body), 'tracing.py': 'GrpcInstrumentorClient().instrument()\n' })), []);
    assert.deepEqual(summary(await lintSources({ 'server.py': servicer(body) }, { instrumentation: ['python-all'] })), []);
    assert.deepEqual(summary(await lintSources({ 'server.py': servicer(body) }, { instrumentation: ['python-requests'] })), ['missing-trace-headers@9']);
  });

  test('grpc: a Flask route calling a stub made from an imported GreeterStub; no grpc import, no stub', async () => {
    const flask = (imports: string) => `${imports}
channel = grpc.insecure_channel("greeter:50051")
greeter = GreeterStub(channel)

@app.route("/hello/<name>")
def hello(name):
    reply = greeter.SayHello(HelloRequest(name=name))
    forwarded = greeter.SayHello(HelloRequest(name=name), metadata=[("traceparent", request.headers.get("traceparent"))])
    return reply.message + forwarded.message
`;
    assert.deepEqual(summary(await lintSources({ 'app.py': flask('import grpc\nfrom helloworld_pb2_grpc import GreeterStub') })), ['missing-trace-headers@8']);
    assert.deepEqual(summary(await lintSources({ 'app.py': flask('from mocks import GreeterStub') })), []);
  });
});
