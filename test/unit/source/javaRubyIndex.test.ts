import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { indexCode, summarize } from './indexHelpers';

describe('Java handlers', () => {
  test('Spring mappings join the class-level @RequestMapping prefix', async () => {
    const file = await indexCode('java', 'reviews/ReviewsController.java', [
      '@RestController',
      '@RequestMapping("/reviews")',
      'public class ReviewsController {',
      '  @GetMapping("/{productId}")',
      '  public Reviews get(@PathVariable int productId) { return null; }',
      '  @RequestMapping(path = "/{productId}", method = {RequestMethod.PUT, RequestMethod.PATCH})',
      '  public void update() {}',
      '  @PostMapping',
      '  public void create() {}',
      '  public void helper() {}',
      '}',
    ].join('\n'));
    assert.deepEqual(summarize(file.handlers), ['route GET /reviews/{productId} @4', 'route PATCH /reviews/{productId} @6', 'route POST /reviews @8', 'route PUT /reviews/{productId} @6']);
    assert.equal(file.handlers[0]?.functionName, 'ReviewsController.get');
  });

  test('JAX-RS @Path with @GET, grpc-java ImplBase, @WithSpan and spanBuilder', async () => {
    const file = await indexCode('java', 'ratings/Service.java', [
      '@Path("/ratings")',
      'public class RatingsResource {',
      '  @GET',
      '  @Path("{id}")',
      '  public String get() { return ""; }',
      '  @WithSpan',
      '  void compute() { tracer.spanBuilder("persist-rating").startSpan(); }',
      '  @WithSpan("named-span") void named() {}',
      '}',
      'class GreeterImpl extends GreeterGrpc.GreeterImplBase {',
      '  @Override public void sayHello(HelloRequest req, StreamObserver<HelloReply> obs) {}',
      '  private void helper() {}',
      '}',
    ].join('\n'));
    assert.deepEqual(summarize(file.handlers), ['grpc Greeter/sayHello @11', 'route GET /ratings/{id} @3', 'span RatingsResource.compute @6', 'span named-span @8', 'span persist-rating @7']);
  });

  test('an annotation named GET without any @Path is not a JAX-RS route', async () => {
    const file = await indexCode('java', 'x/A.java', 'class A { @GET void x() {} }');
    assert.deepEqual(file.handlers, []);
  });
});

describe('Ruby handlers', () => {
  test('Sinatra routes and in_span blocks', async () => {
    const file = await indexCode('ruby', 'details/app.rb', ["get '/details/:id' do", "  tracer.in_span('fetch-details') do |span|", '  end', 'end', "post '/details' do", 'end', "get 'no-slash' do", 'end'].join('\n'));
    assert.deepEqual(summarize(file.handlers), ['route GET /details/:id @1', 'route POST /details @5', 'span fetch-details @2']);
  });

  test('Rails routes.rb: verbs with to:, resources, and namespace prefixes', async () => {
    const file = await indexCode('ruby', 'config/routes.rb', ['Rails.application.routes.draw do', "  get '/status', to: 'health#show'", '  namespace :api do', '    resources :orders', '  end', 'end'].join('\n'));
    const names = summarize(file.handlers);
    assert.ok(names.includes('route GET /status @2'));
    assert.ok(names.includes('route GET /api/orders/:id @4'));
    assert.ok(names.includes('route DELETE /api/orders/:id @4'));
    assert.equal(file.handlers.find((handler) => handler.pathTemplate === '/status')?.functionName, 'health#show');
  });

  test('grpc gem services', async () => {
    const file = await indexCode('ruby', 'svc/server.rb', ['class GreeterServer < Helloworld::Greeter::Service', '  def say_hello(req, _call)', '  end', 'end'].join('\n'));
    assert.deepEqual(summarize(file.handlers), ['grpc helloworld.Greeter/say_hello @2']);
  });
});
