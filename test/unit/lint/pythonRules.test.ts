import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lintSources, summary } from './lintHarness';

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
});
