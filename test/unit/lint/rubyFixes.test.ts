import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixAndRelint, lintSources } from './lintHarness';


const NAMES = '%w[x-request-id x-b3-traceid x-b3-spanid x-b3-parentspanid x-b3-sampled x-b3-flags x-ot-span-context traceparent grpc-trace-bin x-cloud-trace-context b3 tracestate baggage]';
const route = (line: string) => `get '/orders/:id' do\n  ${line}\nend\n`;
const controller = (body: string) => `class OrdersController < ApplicationController
  def show
${body}
  end
end
`;
const RAILS = 'app/controllers/orders_controller.rb';

describe('Ruby quick fixes', () => {
  test('Sinatra + HTTParty: a headers: option read from request.env', async () => {
    const fixed = await fixAndRelint('app.rb', route(`HTTParty.get("http://inventory/#{params[:id]}")`), /Forward the trace headers from "request.env"/);
    assert.equal(fixed, route(`HTTParty.get("http://inventory/#{params[:id]}", headers: ${NAMES}.to_h { |name| [name, request.env["HTTP_#{name.upcase.tr('-', '_')}"]] }.compact)`));
  });

  test('HTTParty: existing headers are merged; an options hash gets the key', async () => {
    const merged = await fixAndRelint('app.rb', route(`HTTParty.get("http://inventory", headers: { 'Accept' => 'json' }, timeout: 2)`), /Forward/);
    assert.ok(merged.includes(`headers: { 'Accept' => 'json' }.merge(${NAMES}.to_h`), merged);
    const hash = await fixAndRelint('app.rb', route(`HTTParty.post("http://inventory", { body: "x" })`), /Forward/);
    assert.ok(hash.includes(`{ body: "x", headers: ${NAMES}.to_h`), hash);
  });

  test('Rails + Faraday: the headers argument is added after nil params, or merged when passed', async () => {
    const source = controller(`    conn = Faraday.new(url: "http://pricing")
    conn.get("/prices")`);
    const fixed = await fixAndRelint(RAILS, source, /Forward the trace headers from "request.headers"/);
    assert.ok(fixed.includes(`conn.get("/prices", nil, ${NAMES}.to_h { |name| [name, request.headers[name]] }.compact)`), fixed);
    const withHeaders = await fixAndRelint(RAILS, controller(`    Faraday.post("http://pricing", body, { "Accept" => "json" })`), /Forward/);
    assert.ok(withHeaders.includes(`Faraday.post("http://pricing", body, { "Accept" => "json" }.merge(${NAMES}`), withHeaders);
    const bareCall = await fixAndRelint(RAILS, controller(`    Faraday.post("http://pricing", body, default_headers :json)`), /Forward/);
    assert.ok(bareCall.includes(`Faraday.post("http://pricing", body, (default_headers :json).merge(${NAMES}`), bareCall);
  });

  test('Net::HTTP.post: the header argument is added, or its braceless pairs merged', async () => {
    const added = await fixAndRelint('app.rb', route('Net::HTTP.post(URI("http://moderation/check"), request.body.read)'), /Forward/);
    assert.ok(added.includes(`request.body.read, ${NAMES}.to_h { |name|`), added);
    const merged = await fixAndRelint('app.rb', route('Net::HTTP.post(uri, body, "content-type" => "application/json", "accept" => "json")'), /Inject/, { dependsOnOtelApi: true });
    assert.ok(merged.includes('Net::HTTP.post(uri, body, { "content-type" => "application/json", "accept" => "json" }.merge({}.tap { |carrier| OpenTelemetry.propagation.inject(carrier) }))'), merged);
  });

  test('Rails + Net::HTTP: a loop after the request object is built sets each header on it', async () => {
    const source = controller(`    uri = URI("http://inventory/items")
    Net::HTTP.start(uri.host, uri.port) do |http|
      req = Net::HTTP::Get.new(uri)
      http.request(req)
    end`);
    const fixed = await fixAndRelint(RAILS, source, /Forward/);
    assert.ok(fixed.includes(`      req = Net::HTTP::Get.new(uri)
      ${NAMES}.each do |name|
        value = request.headers[name]
        req[name] = value if value
      end
      http.request(req)`), fixed);
  });

  test('Net::HTTP: a method that already has a local named value gets header_value', async () => {
    const fixed = await fixAndRelint(RAILS, controller(`    value = 42
    http = Net::HTTP.new("inventory", 80)
    req = Net::HTTP::Post.new("/items")
    http.request(req)`), /Forward/);
    assert.ok(fixed.includes('header_value = request.headers[name]\n      req[name] = header_value if header_value'), fixed);
  });

  test('inject: OpenTelemetry.propagation.inject into a request object, and into a fresh headers hash', async () => {
    const netHttp = await fixAndRelint(RAILS, controller(`    http = Net::HTTP.new("inventory", 80)
    req = Net::HTTP::Get.new("/items")
    http.request(req)`), /Inject the current trace context/, { dependsOnOtelApi: true });
    assert.ok(netHttp.startsWith("require 'opentelemetry'\n\nclass OrdersController"), netHttp);
    assert.ok(netHttp.includes('    req = Net::HTTP::Get.new("/items")\n    OpenTelemetry.propagation.inject(req)\n    http.request(req)'), netHttp);
    const httparty = await fixAndRelint('app.rb', `require 'sinatra'\nrequire 'httparty'\n\n${route('HTTParty.get("http://inventory")')}`, /Inject/, { dependsOnOtelApi: true });
    assert.ok(httparty.startsWith("require 'sinatra'\nrequire 'httparty'\nrequire 'opentelemetry'\n"), httparty);
    assert.ok(httparty.includes('HTTParty.get("http://inventory", headers: {}.tap { |carrier| OpenTelemetry.propagation.inject(carrier) })'), httparty);
    const required = await fixAndRelint('app.rb', `require 'opentelemetry/sdk'\n${route('Faraday.get("http://y")')}`, /Inject/, { dependsOnOtelApi: true });
    assert.equal(required.split('require').length, 2, required);
  });

  test('no fix for Net::HTTP.get, calls without parentheses, an opaque options hash, or no request in scope', async () => {
    const cases: Record<string, string> = {
      'app.rb': route('Net::HTTP.get(URI("http://inventory"))'),
      'c.rb': route('Faraday.get("http://inventory", page: 1)'),
      'd.rb': route('HTTParty.get("http://inventory", options)'),
      'b.rb': route('HTTParty.get "http://inventory"'),
      [RAILS]: `class OrdersController < ApplicationController
  def show
    StockClient.new.fetch
  end
end
class StockClient
  def fetch
    HTTParty.get("http://inventory")
  end
end
`,
    };
    for (const [path, source] of Object.entries(cases)) {
      const findings = await lintSources({ [path]: source });
      assert.equal(findings.length, 1, source);
      assert.deepEqual(findings[0]?.fixes, [], source);
    }
  });

  test('without the OpenTelemetry API only the forward fix is offered', async () => {
    const [finding] = await lintSources({ 'app.rb': route('HTTParty.get("http://inventory")') });
    assert.deepEqual(finding?.fixes.map((fix) => fix.title), ['Forward the trace headers from "request.env"']);
  });
});
