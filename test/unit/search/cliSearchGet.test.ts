/** `trace-lens search` and `trace-lens get` against the in-process fake backend, as a user runs them. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTraceText } from '../../../src/core/parseTrace';
import { FakeTraceBackend } from '../../fakes/fakeTraceBackend';
import { CHECKOUT, CHECKOUT_ID, LOGIN_ID, OLD_CHECKOUT_ID, SMALL_TRACES } from '../../fakes/smallTraces';
import { cli, cliWithEnv } from '../cli/cliHarness';

// The small traces are from 2023; a lookback of 5000 days from the machine's clock reaches all of them.
const ALL_TIME = ['--lookback', '5000d'];

interface SearchJson {
  traces: { traceId: string; startTime: string; durationUs: number; rootService: string; rootOperation: string; spans: number | null; errors: number | null }[];
}

let jaeger: FakeTraceBackend;
before(async () => {
  jaeger = await FakeTraceBackend.start({ apis: ['jaeger-v1'], traces: SMALL_TRACES });
});
after(() => jaeger.close());

describe('trace-lens search', () => {
  test('--format json prints exactly the documented fields, newest first', async () => {
    const run = await cli('search', '--url', jaeger.url, '--service', 'frontend', ...ALL_TIME, '--format', 'json');
    assert.deepEqual([run.code, run.stderr], [0, '']);
    assert.ok(run.stdout.endsWith('}\n') && !run.stdout.slice(0, -1).includes('\n'), 'one line');
    assert.deepEqual(JSON.parse(run.stdout), {
      traces: [
        { traceId: CHECKOUT_ID, startTime: '2023-11-14T22:13:20.000000Z', durationUs: 120_000, rootService: 'frontend', rootOperation: 'GET /checkout', spans: 4, errors: 1 },
        { traceId: OLD_CHECKOUT_ID, startTime: '2023-11-12T22:13:20.000000Z', durationUs: 120_000, rootService: 'frontend', rootOperation: 'GET /checkout', spans: 4, errors: 1 },
      ],
    });
  });

  test('text output: a header line, then one line per trace', async () => {
    const run = await cli('search', '--url', jaeger.url, '--service', 'auth', ...ALL_TIME);
    assert.equal(run.code, 0);
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines[0], '1 trace for auth in the last 5000d');
    assert.match(lines[1]!, new RegExp(`^${LOGIN_ID}  2023-11-14T22:43:20.000000Z +15 ms  2 spans .* auth: POST /login$`));
  });

  test('--operation and --limit reach the backend; the lookback window ends now', async () => {
    const before = Date.now() * 1000;
    const run = await cli('search', '--url', jaeger.url, '--service', 'payment', '--operation', 'charge', '--lookback', '2h', '--limit', '1', '--format', 'json', '--kind', 'jaeger');
    assert.equal(run.code, 0);
    const request = jaeger.requestsTo('/api/traces').at(-1)!;
    assert.deepEqual([request.query.get('service'), request.query.get('operation'), request.query.get('limit')], ['payment', 'charge', '1']);
    const endUs = Number(request.query.get('end'));
    assert.ok(endUs >= before && endUs <= Date.now() * 1000 + 1);
    assert.equal(endUs - Number(request.query.get('start')), 7_200_000_000);
    // The small traces are years old: nothing in the last two hours.
    assert.deepEqual(JSON.parse(run.stdout), { traces: [] });
  });

  test('nothing found, in text: says so', async () => {
    const run = await cli('search', '--url', jaeger.url, '--service', 'nobody', ...ALL_TIME);
    assert.deepEqual([run.code, run.stdout], [0, 'no traces for nobody in the last 5000d\n']);
  });

  test('--kind jaeger skips the probe', async () => {
    const count = jaeger.requests.length;
    await cli('search', '--url', jaeger.url, '--service', 'auth', '--kind', 'jaeger', ...ALL_TIME);
    assert.deepEqual(jaeger.requests.slice(count).map((request) => request.path), ['/api/traces']);
  });
});

describe('trace-lens get', () => {
  test('prints the trace as Jaeger JSON by default, which reads back with every span', async () => {
    const run = await cli('get', CHECKOUT_ID, '--url', jaeger.url);
    assert.deepEqual([run.code, run.stderr], [0, '']);
    const parsed = parseTraceText(run.stdout);
    assert.ok(parsed.ok);
    assert.equal(parsed.format, 'jaeger');
    assert.deepEqual(parsed.traces.map((trace) => [trace.traceId, trace.spans.length]), [[CHECKOUT_ID, CHECKOUT.spans.length]]);
  });

  test('several ids in any spelling, --format otlp', async () => {
    const base64 = Buffer.from(LOGIN_ID, 'hex').toString('base64');
    const run = await cli('get', CHECKOUT_ID.toUpperCase(), base64, '--url', jaeger.url, '--format', 'otlp');
    assert.equal(run.code, 0);
    const parsed = parseTraceText(run.stdout);
    assert.ok(parsed.ok && parsed.format === 'otlp');
    assert.deepEqual(parsed.traces.map((trace) => trace.traceId), [CHECKOUT_ID, LOGIN_ID]);
  });

  test('--format json prints summaries like search', async () => {
    const run = await cli('get', LOGIN_ID, '--url', jaeger.url, '--format', 'json');
    assert.deepEqual(JSON.parse(run.stdout), {
      traces: [{ traceId: LOGIN_ID, startTime: '2023-11-14T22:43:20.000000Z', durationUs: 15_000, rootService: 'auth', rootOperation: 'POST /login', spans: 2, errors: 0 }],
    });
  });

  test('an id the backend does not have: reported on stderr, exit 3, the found ones still printed', async () => {
    const missing = 'ffffffffffffffffffffffffffffffff';
    const run = await cli('get', missing, LOGIN_ID, '--url', jaeger.url, '--format', 'json');
    assert.equal(run.code, 3);
    assert.equal(run.stderr, `trace-lens: trace ${missing} was not found on ${jaeger.url}\n`);
    assert.deepEqual((JSON.parse(run.stdout) as SearchJson).traces.map((trace) => trace.traceId), [LOGIN_ID]);
  });
});

describe('authentication and headers', () => {
  let secured: FakeTraceBackend;
  before(async () => {
    secured = await FakeTraceBackend.start({ apis: ['jaeger-v1'], traces: SMALL_TRACES, requireBearerToken: 's3cr3t-token' });
  });
  after(() => secured.close());

  test('without a token: exit 3 and the backend\'s 401 explained', async () => {
    const run = await cli('get', LOGIN_ID, '--url', secured.url, '--kind', 'jaeger');
    assert.equal(run.code, 3);
    assert.match(run.stderr, /401 Unauthorized.*bearer token/);
  });

  test('the token comes from TRACE_LENS_TOKEN, or the variable --token-env names; headers are sent', async () => {
    const plain = await cliWithEnv({ TRACE_LENS_TOKEN: 's3cr3t-token' }, 'get', LOGIN_ID, '--url', secured.url, '--format', 'json');
    assert.equal(plain.code, 0, plain.stderr);
    const named = await cliWithEnv({ MY_TOKEN: 's3cr3t-token' }, 'search', '--url', secured.url, '--service', 'auth', ...ALL_TIME,
      '--token-env', 'MY_TOKEN', '--header', 'X-Scope-OrgID: team-a', '--header', 'X-Other:b', '--format', 'json');
    assert.equal(named.code, 0, named.stderr);
    const last = secured.requests.at(-1)!;
    assert.deepEqual([last.headers['x-scope-orgid'], last.headers['x-other']], ['team-a', 'b']);
  });

  test('a wrong token is refused and never printed', async () => {
    const run = await cliWithEnv({ TRACE_LENS_TOKEN: 'wrong-token-value' }, 'get', LOGIN_ID, '--url', secured.url);
    assert.equal(run.code, 3);
    assert.ok(!run.stderr.includes('wrong-token-value') && !run.stdout.includes('wrong-token-value'));
  });
});

test('a backend that is not there: exit 3 with why', async () => {
  const gone = await FakeTraceBackend.start({ apis: ['jaeger-v1'] });
  await gone.close();
  const run = await cli('search', '--url', gone.url, '--service', 'x');
  assert.equal(run.code, 3);
  assert.match(run.stderr, /^trace-lens: .*(refused|unreachable|reach)/i);
});

describe('usage errors (exit 2, nothing sent)', () => {
  const cases: [string[], RegExp][] = [
    [['search', '--service', 'x'], /search: --url is required/],
    [['search', '--url', 'http://x'], /search: --service is required/],
    [['search', '--url', 'ftp://x', '--service', 'x'], /--url must start with http/],
    [['search', '--url', 'http://x', '--service', 'x', '--limit', '1501'], /--limit must be a whole number from 1 to 1500/],
    [['search', '--url', 'http://x', '--service', 'x', '--lookback', 'forever'], /--lookback must be a duration/],
    [['search', '--url', 'http://x', '--service', 'x', '--kind', 'elastic'], /--kind must be one of auto, jaeger, jaeger-v3, zipkin, tempo/],
    [['search', '--url', 'http://x', '--service', 'x', '--header', 'Authorization Bearer abc'], /--header must look like "Name: value"$/m],
    [['get', '--url', 'http://x'], /get: no trace id given/],
    [['get', 'not-an-id', '--url', 'http://x'], /get: "not-an-id" is not a trace id/],
    [['get', CHECKOUT_ID, '--url', 'http://x', '--format', 'csv'], /--format must be jaeger, otlp, zipkin or json/],
    [['get', CHECKOUT_ID, '--url', 'http://x', '--service', 'x'], /get: --service belongs to search/],
    [['inspect', 'a.json', '--url', 'http://x'], /inspect: --url belongs to search and get/],
  ];
  for (const [argv, message] of cases) {
    test(argv.join(' '), async () => {
      const run = await cli(...argv);
      assert.equal(run.code, 2);
      assert.match(run.stderr, message);
      assert.ok(!run.stderr.includes('Bearer abc'));
    });
  }
});

test('--help documents search, get, their JSON and exit code 3', async () => {
  const run = await cli('--help');
  for (const text of ['trace-lens search --url URL --service S', 'trace-lens get <traceId…>', '{"traces":[{"traceId","startTime","durationUs","rootService","rootOperation","spans","errors"}]}', '--token-env NAME', '  3  search/get']) {
    assert.ok(run.stdout.includes(text), text);
  }
});
