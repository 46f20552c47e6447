#!/usr/bin/env node
// Writes the demo workspace's trace files (test/fixtures/workspace/*.json) from the
// small trees drawn below, in the three wire formats Trace Lens reads. The output is
// committed; rerun this after changing a tree:  node scripts/integration/generateDemoTraces.mjs
// (`--check` only reports files that differ; the integration runner does that check before the tests).
//
// The integration tests read these files to know what the waterfall must show, so a
// change here changes the expectations with it.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const workspace = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test', 'fixtures', 'workspace');

/** Fixed epoch (2026-03-02T09:30:00Z) in microseconds, so the output never changes between runs. */
const T0_US = 1772443800_000000;

/** Deterministic lowercase hex ids: `hexId(16, 7)` is a span id, `hexId(32, 1)` a trace id. */
function hexId(length, seed) {
  let out = '';
  let x = (seed * 2654435761) >>> 0;
  while (out.length < length) {
    x = (Math.imul(x ^ (x >>> 15), 2246822519) + 0x9e3779b9) >>> 0;
    out += x.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

// ---------------------------------------------------------------------------------------
// demo-checkout.jaeger.json: Jaeger v1 (/api/traces/{id} envelope), ONE trace, 12 spans,
// one error span. Offsets and durations in milliseconds from the trace start.
//
//   frontend   GET /checkout                  0 ─────────────────────────── 182
//   frontend   ├─ HTTP GET /cart              4 ──── 38
//   cart       │  └─ GetCart                  6 ─── 35
//   redis      │     └─ HGETALL cart:{id}     9 ─ 14
//   frontend   ├─ HTTP POST /charge          41 ─────────── 131
//   payment    │  └─ Charge (ERROR)          43 ────────── 128
//   payment    │     ├─ fraud-check          45 ─── 90
//   postgres   │     └─ INSERT payments      92 ─── 120
//   checkout   ├─ PlaceOrder                134 ──── 172
//   postgres   │  ├─ INSERT orders          136 ── 150
//   email      │  └─ SendConfirmation       151 ── 170
//   frontend   └─ render-page               173 ─ 181
// ---------------------------------------------------------------------------------------
const checkoutTraceId = hexId(32, 1);
const checkoutSpans = [
  // [name, service, parent index, startMs, endMs, kind, extra tags]
  ['GET /checkout', 'frontend', -1, 0, 182, 'server', { 'http.method': 'GET', 'http.route': '/checkout', 'http.status_code': 502 }],
  ['HTTP GET /cart', 'frontend', 0, 4, 38, 'client', { 'http.method': 'GET', 'http.url': 'http://cart:8080/cart' }],
  ['GetCart', 'cart', 1, 6, 35, 'server', { 'rpc.system': 'grpc', 'cart.items': 3 }],
  ['HGETALL cart:{id}', 'redis', 2, 9, 14, 'client', { 'db.system': 'redis', 'db.statement': 'HGETALL cart:8842' }],
  ['HTTP POST /charge', 'frontend', 0, 41, 131, 'client', { 'http.method': 'POST', 'http.url': 'http://payment:8080/charge' }],
  ['Charge', 'payment', 4, 43, 128, 'server', { 'payment.amount_cents': 4599, 'payment.currency': 'EUR', error: true }],
  ['fraud-check', 'payment', 5, 45, 90, 'internal', { 'fraud.score': 0.12 }],
  ['INSERT payments', 'postgres', 5, 92, 120, 'client', { 'db.system': 'postgresql', 'db.statement': 'INSERT INTO payments (order_id, amount) VALUES ($1, $2)' }],
  ['PlaceOrder', 'checkout', 0, 134, 172, 'server', { 'order.id': 'ord-20260302-0042' }],
  ['INSERT orders', 'postgres', 8, 136, 150, 'client', { 'db.system': 'postgresql', 'db.statement': 'INSERT INTO orders (id, user_id) VALUES ($1, $2)' }],
  ['SendConfirmation', 'email', 8, 151, 170, 'client', { 'messaging.system': 'smtp' }],
  ['render-page', 'frontend', 0, 173, 181, 'internal', { template: 'checkout.html' }],
];

function jaegerTag(key, value) {
  if (typeof value === 'boolean') return { key, type: 'bool', value };
  if (typeof value === 'number') return Number.isInteger(value) ? { key, type: 'int64', value } : { key, type: 'float64', value };
  return { key, type: 'string', value };
}

function jaegerCheckout() {
  const services = [...new Set(checkoutSpans.map(([, service]) => service))];
  const processes = Object.fromEntries(
    services.map((service, i) => [
      `p${i + 1}`,
      { serviceName: service, tags: [jaegerTag('hostname', `${service}-7d9f8b-${i}x`), jaegerTag('telemetry.sdk.language', 'go')] },
    ]),
  );
  const spanIds = checkoutSpans.map((_, i) => hexId(16, 100 + i));
  const spans = checkoutSpans.map(([name, service, parent, startMs, endMs, kind, tags], i) => ({
    traceID: checkoutTraceId,
    spanID: spanIds[i],
    operationName: name,
    references: parent < 0 ? [] : [{ refType: 'CHILD_OF', traceID: checkoutTraceId, spanID: spanIds[parent] }],
    startTime: T0_US + startMs * 1000,
    duration: (endMs - startMs) * 1000,
    tags: [jaegerTag('span.kind', kind), ...Object.entries(tags).map(([k, v]) => jaegerTag(k, v))],
    logs:
      tags.error === true
        ? [
            {
              timestamp: T0_US + 127 * 1000,
              fields: [jaegerTag('event', 'error'), jaegerTag('message', 'card declined: insufficient funds')],
            },
          ]
        : [],
    processID: `p${services.indexOf(service) + 1}`,
    warnings: null,
    flags: 1,
  }));
  return { data: [{ traceID: checkoutTraceId, spans, processes, warnings: null }], total: 0, limit: 0, offset: 0, errors: null };
}

// ---------------------------------------------------------------------------------------
// two-traces.otlp.json: OTLP/JSON (an ExportTraceServiceRequest), TWO traces, so opening it
// shows the trace picker.
//
//   trace A  api-gateway  GET /users/{id}        0 ──────────── 48
//            users        ├─ GetUser             3 ──────── 40
//            users        │  └─ SELECT users     5 ──── 21
//            api-gateway  └─ serialize          41 ── 46
//
//   trace B  worker       process-job            0 ─────────────── 950
//            worker       ├─ download-input     10 ───── 400
//            worker       └─ resize-image      405 ────────── 940
// ---------------------------------------------------------------------------------------
const otlpTraces = [
  {
    traceId: hexId(32, 2),
    startMs: 1000,
    spans: [
      ['GET /users/{id}', 'api-gateway', -1, 0, 48, 2, { 'http.request.method': 'GET', 'http.route': '/users/{id}' }],
      ['GetUser', 'users', 0, 3, 40, 2, { 'rpc.method': 'GetUser' }],
      ['SELECT users', 'users', 1, 5, 21, 3, { 'db.system': 'postgresql', 'db.query.text': 'SELECT * FROM users WHERE id = $1' }],
      ['serialize', 'api-gateway', 0, 41, 46, 1, { 'response.bytes': 1832 }],
    ],
  },
  {
    traceId: hexId(32, 3),
    startMs: 5000,
    spans: [
      ['process-job', 'worker', -1, 0, 950, 5, { 'job.id': 'job-77', 'job.queue': 'images' }],
      ['download-input', 'worker', 0, 10, 400, 3, { 'url.full': 'https://storage.example/input/77.png' }],
      ['resize-image', 'worker', 0, 405, 940, 1, { 'image.width': 1024, 'image.height': 768 }],
    ],
  },
];

function otlpValue(value) {
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  return { stringValue: value };
}

/** OTLP times are nanosecond strings: beyond 2^53, so built as text, never through a float. */
function nanos(us) {
  return `${us}000`;
}

function otlpTwoTraces() {
  const byService = new Map();
  otlpTraces.forEach((trace, t) => {
    const spanIds = trace.spans.map((_, i) => hexId(16, 200 + t * 20 + i));
    trace.spans.forEach(([name, service, parent, startMs, endMs, kind, attrs], i) => {
      const startUs = T0_US + (trace.startMs + startMs) * 1000;
      const endUs = T0_US + (trace.startMs + endMs) * 1000;
      const span = {
        traceId: trace.traceId,
        spanId: spanIds[i],
        ...(parent < 0 ? {} : { parentSpanId: spanIds[parent] }),
        name,
        kind,
        startTimeUnixNano: nanos(startUs),
        endTimeUnixNano: nanos(endUs),
        attributes: Object.entries(attrs).map(([key, value]) => ({ key, value: otlpValue(value) })),
        status: {},
      };
      if (!byService.has(service)) byService.set(service, []);
      byService.get(service).push(span);
    });
  });
  return {
    resourceSpans: [...byService].map(([service, spans]) => ({
      resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }, { key: 'service.version', value: { stringValue: '1.4.2' } }] },
      scopeSpans: [{ scope: { name: 'demo-instrumentation', version: '0.1.0' }, spans }],
    })),
  };
}

// ---------------------------------------------------------------------------------------
// login.zipkin.json: Zipkin v2 (a JSON array of spans), one trace, 5 spans.
//
//   web-ui   post /login              0 ─────────── 64
//   web-ui   ├─ post /authenticate    2 ──────── 50        (client half)
//   auth     │  ├─ verify-password    5 ─── 30
//   auth     │  └─ issue-token       31 ── 47
//   web-ui   └─ set-cookie           52 ─ 60
// ---------------------------------------------------------------------------------------
function zipkinLogin() {
  const traceId = hexId(32, 4);
  const rows = [
    ['post /login', 'web-ui', -1, 0, 64, 'SERVER', { 'http.method': 'POST', 'http.path': '/login' }],
    ['post /authenticate', 'web-ui', 0, 2, 50, 'CLIENT', { 'http.method': 'POST', 'http.path': '/authenticate' }],
    ['verify-password', 'auth', 1, 5, 30, undefined, { 'hash.algorithm': 'argon2id' }],
    ['issue-token', 'auth', 1, 31, 47, undefined, { 'token.ttl_s': '3600' }],
    ['set-cookie', 'web-ui', 0, 52, 60, undefined, {}],
  ];
  const ids = rows.map((_, i) => hexId(16, 300 + i));
  const start = T0_US + 9000 * 1000;
  return rows.map(([name, service, parent, startMs, endMs, kind, tags], i) => ({
    traceId,
    ...(parent < 0 ? {} : { parentId: ids[parent] }),
    id: ids[i],
    ...(kind ? { kind } : {}),
    name,
    timestamp: start + startMs * 1000,
    duration: (endMs - startMs) * 1000,
    localEndpoint: { serviceName: service, ipv4: `10.0.0.${i + 10}` },
    ...(kind === 'CLIENT' ? { remoteEndpoint: { serviceName: 'auth', port: 8443 } } : {}),
    tags: Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, String(v)])),
  }));
}

// broken.json: a Jaeger-looking file whose JSON breaks on line 3 (an array closed by '}').
const broken = `{
  "data": [
    { "traceID": "${hexId(32, 5)}", "spans": [ } ]
  ]
}
`;

/** The demo files, name -> exact text, as committed in test/fixtures/workspace. */
export function demoTraceFiles() {
  const json = (value) => `${JSON.stringify(value, null, 2)}\n`;
  return {
    'demo-checkout.jaeger.json': json(jaegerCheckout()),
    'two-traces.otlp.json': json(otlpTwoTraces()),
    'login.zipkin.json': json(zipkinLogin()),
    'broken.json': broken,
  };
}

/** Names of the committed files that differ from what this script generates (missing ones included). */
export function staleDemoTraceFiles() {
  return Object.entries(demoTraceFiles())
    .filter(([name, text]) => {
      const file = join(workspace, name);
      return !existsSync(file) || readFileSync(file, 'utf8') !== text;
    })
    .map(([name]) => name);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const stale = staleDemoTraceFiles();
    if (stale.length > 0) {
      process.stderr.write(`Out of date: ${stale.join(', ')}. Run: node scripts/integration/generateDemoTraces.mjs\n`);
      process.exit(1);
    }
  } else {
    for (const [name, text] of Object.entries(demoTraceFiles())) {
      writeFileSync(join(workspace, name), text);
      process.stdout.write(`wrote ${join(workspace, name)}\n`);
    }
  }
}
