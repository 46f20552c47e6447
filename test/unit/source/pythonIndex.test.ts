import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { indexCode, summarize } from './indexHelpers';

describe('Python handlers', () => {
  test('Flask routes with methods lists and blueprint prefixes', async () => {
    const file = await indexCode('python', 'productpage/app.py', [
      "bp = Blueprint('api', __name__, url_prefix='/api/v1')",
      "@app.route('/productpage')",
      'def front():',
      '    return render()',
      "@bp.route('/products/<int:product_id>', methods=['GET', 'PUT'])",
      'def product(product_id):',
      '    pass',
    ].join('\n'));
    assert.deepEqual(summarize(file.handlers), ['route GET /api/v1/products/<int:product_id> @5', 'route GET /productpage @2', 'route PUT /api/v1/products/<int:product_id> @5']);
    assert.equal(file.handlers.find((handler) => handler.pathTemplate === '/productpage')?.functionName, 'front');
  });

  test('FastAPI method decorators with an APIRouter prefix', async () => {
    const file = await indexCode('python', 'svc/items.py', [
      "router = APIRouter(prefix='/items')",
      "@router.get('/{item_id}')",
      'async def read_item(item_id: int):',
      '    return item_id',
      "@app.post('/login')",
      'def login(): ...',
      "@cache.get('key')",
      'def not_a_route(): ...',
    ].join('\n'));
    assert.deepEqual(summarize(file.handlers), ['route GET /items/{item_id} @2', 'route POST /login @5']);
  });

  test('Django urls.py: path() and re_path(), but not include() and not outside urls.py', async () => {
    const code = ["urlpatterns = [", "    path('users/<int:pk>/', views.user_detail),", "    re_path(r'^articles/(?P<year>[0-9]{4})/$', views.year_archive),", "    path('api/', include('api.urls')),", ']'].join('\n');
    const urls = await indexCode('python', 'shop/urls.py', code);
    assert.deepEqual(summarize(urls.handlers), ['route ANY /articles/(?P<year>[0-9]{4})/ @3', 'route ANY /users/<int:pk> @2']);
    assert.equal(urls.handlers.find((handler) => handler.framework === 'django')?.functionName, 'user_detail');
    const elsewhere = await indexCode('python', 'shop/helpers.py', code);
    assert.deepEqual(elsewhere.handlers, []);
  });

  test('spans from start_as_current_span as a with-statement and as a decorator', async () => {
    const file = await indexCode('python', 'svc/work.py', [
      '@tracer.start_as_current_span("reserve-stock")',
      'def reserve():',
      '    with tracer.start_as_current_span("check-inventory") as span:',
      '        pass',
      '    tracer.start_span(f"dynamic-{x}")',
    ].join('\n'));
    assert.deepEqual(summarize(file.handlers), ['span check-inventory @3', 'span reserve-stock @1']);
  });

  test('grpcio servicer classes', async () => {
    const file = await indexCode('python', 'svc/greeter.py', ['class Greeter(helloworld_pb2_grpc.GreeterServicer):', '    def SayHello(self, request, context):', '        pass', '    def _helper(self):', '        pass', 'class Plain(object):', '    def SayHello(self): pass'].join('\n'));
    assert.deepEqual(summarize(file.handlers), ['grpc Greeter/SayHello @2']);
  });
});
