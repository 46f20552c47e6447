import { test } from 'node:test';
import assert from 'node:assert/strict';
import { projectFactsFrom } from '../../../src/core/lint/projectFacts';
import { configuredHeaders, DEFAULT_TRACE_HEADERS, judgeSentHeaders } from '../../../src/core/lint/traceHeaders';

const facts = (files: Record<string, string>) => {
  const read = projectFactsFrom(Object.entries(files).map(([name, text]) => ({ name, text })));
  return { instrumentation: [...read.instrumentation].sort(), dependsOnOtelApi: read.dependsOnOtelApi };
};

test('project files switch instrumentation on, and only the ways that really load it', () => {
  assert.deepEqual(facts({ 'package.json': JSON.stringify({ scripts: { start: 'node -r @opentelemetry/auto-instrumentations-node/register app.js' } }) }).instrumentation, ['node-http']);
  assert.deepEqual(facts({ Dockerfile: 'ENV NODE_OPTIONS="--require @opentelemetry/auto-instrumentations-node/register"\nCMD ["node", "app.js"]' }).instrumentation, ['node-http']);
  // A dependency alone instruments nothing: it must be loaded.
  assert.deepEqual(facts({ 'package.json': JSON.stringify({ dependencies: { '@opentelemetry/auto-instrumentations-node': '1' } }) }).instrumentation, []);
  assert.deepEqual(facts({ Procfile: 'web: opentelemetry-instrument gunicorn app:app' }).instrumentation, ['python-all']);
  assert.deepEqual(facts({ Dockerfile: 'ENV JAVA_TOOL_OPTIONS="-javaagent:/otel/opentelemetry-javaagent.jar"' }).instrumentation, ['java-agent']);
  assert.deepEqual(facts({ 'build.gradle': "implementation 'io.micrometer:micrometer-tracing-bridge-otel'" }).instrumentation, ['java-spring-tracing']);
  assert.deepEqual(facts({ Gemfile: 'gem "opentelemetry-instrumentation-all"' }).instrumentation, ['ruby-otel']);
  assert.deepEqual(facts({ 'package.json': '{ not json' }), { instrumentation: [], dependsOnOtelApi: false });
});

test('a dependency on the OpenTelemetry API enables the inject quick fix', () => {
  assert.equal(facts({ 'package.json': JSON.stringify({ dependencies: { '@opentelemetry/api': '^1.9.0' } }) }).dependsOnOtelApi, true);
  assert.equal(facts({ 'requirements.txt': 'flask\nopentelemetry-api==1.27.0\n' }).dependsOnOtelApi, true);
  assert.equal(facts({ 'requirements.txt': 'flask\n' }).dependsOnOtelApi, false);
});

test('header verdicts: any context header carries the trace; vendor sets count when switched on', () => {
  const defaults = configuredHeaders(DEFAULT_TRACE_HEADERS);
  assert.equal(judgeSentHeaders(['X-B3-TraceId'], defaults), 'carries-context');
  assert.equal(judgeSentHeaders(['x-request-id', 'content-type'], defaults), 'request-id-only');
  assert.equal(judgeSentHeaders(['uber-trace-id', 'x-request-id'], defaults), 'jaeger-only');
  assert.equal(judgeSentHeaders(['sw8'], defaults), 'none');
  assert.equal(judgeSentHeaders(['sw8'], configuredHeaders(DEFAULT_TRACE_HEADERS, ['skywalking'])), 'carries-context');
});
