import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lintSources, summary } from './lintHarness';

describe('Ruby propagation lint', () => {
  test('a Sinatra route calling HTTParty without headers is flagged; with a trace header it is not', async () => {
    const flagged = await lintSources({
      'app.rb': `get '/orders/:id' do
  HTTParty.get("http://inventory/#{params[:id]}")
end
`,
    });
    assert.deepEqual(summary(flagged), ['missing-trace-headers@2']);
    const covered = await lintSources({
      'app.rb': `get '/orders/:id' do
  HTTParty.get("http://inventory", headers: { 'traceparent' => request.env['HTTP_TRACEPARENT'], 'b3' => request.env['HTTP_B3'] })
end
`,
    });
    assert.deepEqual(summary(covered), []);
  });

  test('Rails controller: Net::HTTP request objects and Faraday connections', async () => {
    const findings = await lintSources({
      'app/controllers/orders_controller.rb': `class OrdersController < ApplicationController
  def show
    uri = URI("http://inventory/items")
    Net::HTTP.start(uri.host, uri.port) do |http|
      req = Net::HTTP::Get.new(uri)
      req['x-b3-traceid'] = request.headers['x-b3-traceid']
      http.request(req)
    end
    conn = Faraday.new(url: "http://pricing")
    conn.get("/prices")
  end
end
`,
    });
    assert.deepEqual(summary(findings), ['missing-trace-headers@10']);
    assert.equal(findings[0]?.client, 'Faraday');
  });

  test('the OpenTelemetry instrumentation gems cover every client', async () => {
    const source = `get '/x' do\n  Faraday.get("http://y")\nend\n`;
    assert.deepEqual(summary(await lintSources({ 'app.rb': source }, { instrumentation: ['ruby-otel'] })), []);
  });
});
