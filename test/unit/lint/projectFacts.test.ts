import { test } from 'node:test';
import assert from 'node:assert/strict';
import { projectFactsFrom } from '../../../src/core/lint/projectFacts';
import { configuredHeaders, DEFAULT_TRACE_HEADERS, judgeSentHeaders } from '../../../src/core/lint/traceHeaders';

const facts = (files: Record<string, string>) => {
  const read = projectFactsFrom(Object.entries(files).map(([name, text]) => ({ name, text })));
  return { instrumentation: [...read.instrumentation].sort(), dependsOnOtelApi: read.dependsOnOtelApi };
};

test('project files switch instrumentation on, and only the ways that really load it', () => {
  assert.deepEqual(facts({ 'package.json': JSON.stringify({ scripts: { start: 'node -r @opentelemetry/auto-instrumentations-node/register app.js' } }) }).instrumentation, ['node-grpc', 'node-http']);
  assert.deepEqual(facts({ Dockerfile: 'ENV NODE_OPTIONS="--require @opentelemetry/auto-instrumentations-node/register"\nCMD ["node", "app.js"]' }).instrumentation, ['node-grpc', 'node-http']);
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

test('Go: go.mod requiring go.opentelemetry.io/otel, in a block or on one line; not a comment, replace or another otel module', () => {
  const requires = (goMod: string) => facts({ 'go.mod': goMod }).dependsOnOtelApi;
  assert.equal(requires('module shop\n\ngo 1.22\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.10.0\n\tgo.opentelemetry.io/otel v1.28.0\n)\n'), true);
  assert.equal(requires('module shop\nrequire go.opentelemetry.io/otel v1.28.0 // indirect\n'), true);
  assert.equal(requires('module shop\nrequire (\n\tgo.opentelemetry.io/contrib/instrumentation/net/http/otelhttp v0.53.0\n)\n// go.opentelemetry.io/otel v1.28.0\n'), false);
  assert.equal(requires('module shop\nreplace go.opentelemetry.io/otel => ../otel\n'), false);
});

test('Java: the OpenTelemetry API as a Maven or Gradle dependency; a BOM, a test scope or a comment is not', () => {
  const dependency = (group: string, artifact: string, extra = '') => `<dependency><groupId>${group}</groupId>\n  <artifactId>${artifact}</artifactId>${extra}</dependency>`;
  const pom = (body: string) => facts({ 'pom.xml': `<project><dependencies>${body}</dependencies></project>` }).dependsOnOtelApi;
  assert.equal(pom(dependency('io.opentelemetry', 'opentelemetry-api')), true);
  assert.equal(pom(dependency('io.opentelemetry.instrumentation', 'opentelemetry-spring-boot-starter')), true);
  assert.equal(pom(dependency('io.opentelemetry', 'opentelemetry-api', '<scope>test</scope>')), false);
  assert.equal(pom(`<!-- ${dependency('io.opentelemetry', 'opentelemetry-api')} -->`), false);
  assert.equal(pom(dependency('io.opentelemetry.javaagent', 'opentelemetry-javaagent')), false);
  const bomOnly = `<project><dependencyManagement><dependencies>${dependency('io.opentelemetry', 'opentelemetry-bom', '<type>pom</type><scope>import</scope>')}</dependencies></dependencyManagement></project>`;
  assert.equal(facts({ 'pom.xml': bomOnly }).dependsOnOtelApi, false);
  assert.equal(facts({ 'build.gradle': "dependencies {\n  implementation 'io.opentelemetry:opentelemetry-api:1.40.0'\n}" }).dependsOnOtelApi, true);
  assert.equal(facts({ 'build.gradle.kts': 'dependencies {\n  implementation(platform("io.opentelemetry:opentelemetry-bom:1.40.0"))\n  implementation("io.opentelemetry:opentelemetry-api")\n}' }).dependsOnOtelApi, true);
  assert.equal(facts({ 'build.gradle.kts': 'dependencies {\n  implementation(platform("io.opentelemetry:opentelemetry-bom:1.40.0"))\n  testImplementation("io.opentelemetry:opentelemetry-sdk-testing")\n}' }).dependsOnOtelApi, false);
});

test('Ruby: the opentelemetry-api or -sdk gem; a commented-out gem is not', () => {
  assert.equal(facts({ Gemfile: "source 'https://rubygems.org'\ngem 'sinatra'\ngem \"opentelemetry-sdk\", '~> 1.5'\n" }).dependsOnOtelApi, true);
  assert.equal(facts({ Gemfile: "gem 'opentelemetry-api'\n" }).dependsOnOtelApi, true);
  assert.deepEqual(facts({ Gemfile: "gem 'rails'\n# gem 'opentelemetry-sdk'\n" }), { instrumentation: [], dependsOnOtelApi: false });
});

test('header verdicts: any context header carries the trace; vendor sets count when switched on', () => {
  const defaults = configuredHeaders(DEFAULT_TRACE_HEADERS);
  assert.equal(judgeSentHeaders(['X-B3-TraceId'], defaults), 'carries-context');
  assert.equal(judgeSentHeaders(['x-request-id', 'content-type'], defaults), 'request-id-only');
  assert.equal(judgeSentHeaders(['uber-trace-id', 'x-request-id'], defaults), 'jaeger-only');
  assert.equal(judgeSentHeaders(['sw8'], defaults), 'none');
  assert.equal(judgeSentHeaders(['sw8'], configuredHeaders(DEFAULT_TRACE_HEADERS, ['skywalking'])), 'carries-context');
});
