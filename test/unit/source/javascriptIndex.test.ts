import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { indexCode, summarize } from './indexHelpers';

describe('JavaScript and TypeScript handlers', () => {
  test('Express, Koa-router and Fastify shorthand routes, with the callback as the function range', async () => {
    const file = await indexCode('javascript', 'api/server.js', [
      "const app = express();",
      "app.get('/users/:id', (req, res) => {",
      "  res.send(req.params.id);",
      "});",
      "router.post('/orders', createOrder);",
      "fastify.delete('/carts/:cartId/items/:itemId', async () => {});",
      "app.all('*', notFound);",
    ].join('\n'));
    assert.deepEqual(summarize(file.handlers), ['route ANY /* @7', 'route DELETE /carts/:cartId/items/:itemId @6', 'route GET /users/:id @2', 'route POST /orders @5']);
    const getUser = file.handlers.find((handler) => handler.method === 'GET');
    assert.equal(getUser?.functionRange.endLine0, 3);
    assert.equal(file.handlers.find((handler) => handler.method === 'POST')?.functionName, 'createOrder');
  });

  test('near misses: a Map lookup, a path without a leading slash, a computed path are not routes', async () => {
    const file = await indexCode('typescript', 'api/cache.ts', [
      "const value = cache.get('users', fallback);",
      "app.get(routePath, handler);",
      "app.get(`/users/${id}`, handler);",
      "settings.get('/only-one-arg');",
      "app.Get('/x', handler);",
    ].join('\n'));
    assert.deepEqual(file.handlers, []);
  });

  test('Fastify route objects with one or several methods', async () => {
    const file = await indexCode('typescript', 'api/fastify.ts', "fastify.route({ method: ['GET', 'HEAD'], url: '/health', handler: async () => 'ok' });\n");
    assert.deepEqual(summarize(file.handlers), ['route GET /health @1', 'route HEAD /health @1']);
  });

  test('NestJS joins the controller prefix and the method path; undecorated methods are skipped', async () => {
    const file = await indexCode('typescript', 'src/users.controller.ts', [
      "@Controller('users')",
      'export class UsersController {',
      "  @Get(':id')",
      '  findOne(@Param() id: string) { return id; }',
      '',
      '  @Post()',
      '  @HttpCode(201)',
      '  create() {}',
      '',
      '  helper() {}',
      '}',
    ].join('\n'));
    assert.deepEqual(summarize(file.handlers), ['route GET /users/:id @3', 'route POST /users @6']);
    assert.equal(file.handlers[0]?.functionName, 'UsersController.findOne');
  });

  test('Next.js app-router route files and pages/api files take their route from the path', async () => {
    const app = await indexCode('typescript', 'web/app/(shop)/products/[id]/route.ts', 'export async function GET(request: Request) { return new Response(); }\nexport const POST = async () => {};\nexport function helper() {}\n');
    assert.deepEqual(summarize(app.handlers), ['route GET /products/[id] @1', 'route POST /products/[id] @2']);
    const pages = await indexCode('typescript', 'web/pages/api/orders/[orderId].ts', 'export default function handler(req, res) { res.end(); }\n');
    assert.deepEqual(summarize(pages.handlers), ['route ANY /api/orders/[orderId] @1']);
    const notRoute = await indexCode('typescript', 'web/app/products/page.ts', 'export async function GET() {}\n');
    assert.deepEqual(notRoute.handlers, []);
  });

  test('manual spans with literal names; a computed name is not indexed', async () => {
    const file = await indexCode('typescript', 'api/work.ts', [
      'export async function work() {',
      "  return tracer.startActiveSpan('compute-price', async (span) => { span.end(); });",
      '}',
      "const s = tracer.startSpan('db.lookup');",
      'const t = tracer.startSpan(name);',
    ].join('\n'));
    assert.deepEqual(summarize(file.handlers), ['span compute-price @2', 'span db.lookup @4']);
  });

  test('grpc-js addService: one handler per implemented method', async () => {
    const file = await indexCode('javascript', 'grpc/server.js', 'server.addService(helloProto.helloworld.Greeter.service, { sayHello: sayHello, sayGoodbye(call, cb) {} });\n');
    assert.deepEqual(summarize(file.handlers), ['grpc Greeter/sayGoodbye @1', 'grpc Greeter/sayHello @1']);
  });
  test('a route naming a function of the file gets that function as its function range', async () => {
    const file = await indexCode('javascript', 'api/routes.js', [
      "app.get('/orders/:id', requireAuth, getOrder);",
      "router.post('/orders', createOrder);",
      "fastify.route({ method: 'PUT', url: '/orders/:id', handler: updateOrder });",
      "app.delete('/orders/:id', controllers.remove);",
      'async function getOrder(req, res) {',
      '  res.json({});',
      '}',
      'const createOrder = async (req, res) => {',
      '  res.status(201).end();',
      '};',
      'const updateOrder = function (req, reply) { reply.send(); };',
    ].join('\n'));
    const byMethod = (method: string) => file.handlers.find((handler) => handler.method === method);
    const lines = (method: string) => [byMethod(method)?.functionRange.startLine0, byMethod(method)?.functionRange.endLine0];
    assert.deepEqual(lines('GET'), [4, 6]);
    assert.deepEqual(lines('POST'), [7, 9]);
    assert.deepEqual(lines('PUT'), [10, 10]);
    assert.equal(byMethod('GET')?.functionName, 'getOrder');
    assert.equal(byMethod('GET')?.range.startLine0, 0, 'Go to Source still reveals the registration');
    // Defined in another module: the registration stays the function range.
    assert.deepEqual(lines('DELETE'), [3, 3]);
  });

  test('grpc-js implementations named by key or shorthand resolve to the functions of the file', async () => {
    const file = await indexCode('typescript', 'grpc/server.ts', [
      'function sayHello(call, callback) {',
      '  callback(null, { message: call.request.name });',
      '}',
      'const sayGoodbye = (call, callback) => callback(null, {});',
      'server.addService(GreeterService, { sayHello, sayGoodbye: sayGoodbye, other: imported });',
    ].join('\n'));
    const range = (method: string) => file.handlers.find((handler) => handler.grpcMethod === method)?.functionRange;
    assert.deepEqual([range('sayHello')?.startLine0, range('sayHello')?.endLine0], [0, 2]);
    assert.deepEqual([range('sayGoodbye')?.startLine0, range('sayGoodbye')?.endLine0], [3, 3]);
    assert.deepEqual([range('other')?.startLine0, range('other')?.startColumn0], [4, 0]);
  });
});
