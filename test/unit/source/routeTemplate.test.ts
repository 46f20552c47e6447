import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalRoute, compareSpecificity, compileRouteTemplate } from '../../../src/core/spanMatching/routeTemplate';

function fits(template: string, path: string): boolean {
  const compiled = compileRouteTemplate(template);
  assert.ok(compiled, `compiles: ${template}`);
  return compiled.pattern.test(path);
}

describe('route templates', () => {
  test('every router spelling of a parameter matches one segment, and only one', () => {
    for (const template of ['/users/:id', '/users/{id}', '/users/<id>', '/users/[id]']) {
      assert.equal(fits(template, '/users/42'), true, template);
      assert.equal(fits(template, '/users/42/'), true, `${template} with trailing slash`);
      assert.equal(fits(template, '/users'), false, `${template} without the id`);
      assert.equal(fits(template, '/users/42/orders'), false, `${template} with an extra segment`);
    }
  });

  test('constrained parameters: Flask converters, gorilla regexes, Express parens', () => {
    assert.equal(fits('/products/<int:product_id>', '/products/7'), true);
    assert.equal(fits('/products/<int:product_id>', '/products/abc'), false);
    assert.equal(fits('/articles/{id:[0-9]+}', '/articles/12'), true);
    assert.equal(fits('/articles/{id:[0-9]+}', '/articles/x1'), false);
    assert.equal(fits('/files/:name(\\w+\\.txt)', '/files/a.txt'), true);
    assert.equal(fits('/files/:name(\\w+\\.txt)', '/files/a.png'), false);
  });

  test('wildcards and catch-alls span segments', () => {
    assert.equal(fits('/static/*', '/static/css/site.css'), true);
    assert.equal(fits('/docs/[...slug]', '/docs/a/b/c'), true);
    assert.equal(fits('/files/<path:rest>', '/files/a/b'), true);
    assert.equal(fits('/static/*', '/other/x'), false);
  });

  test('Django regular expressions, with Python named groups', () => {
    assert.equal(fits('regex:/^articles/(?P<year>[0-9]{4})/$', '/articles/2024/'), true);
    assert.equal(fits('regex:/^articles/(?P<year>[0-9]{4})/$', '/articles/24/'), false);
  });

  test('literal dots and other regex characters in templates are literal', () => {
    assert.equal(fits('/feed.json', '/feed.json'), true);
    assert.equal(fits('/feed.json', '/feedxjson'), false);
  });

  test('the canonical form makes equal routes equal across routers', () => {
    assert.equal(canonicalRoute('/users/:id'), canonicalRoute('/users/{id}'));
    assert.equal(canonicalRoute('/users/<int:id>'), canonicalRoute('/users/[id]'));
    assert.equal(canonicalRoute('users/<int:id>/'), canonicalRoute('/users/{id}'));
    assert.notEqual(canonicalRoute('/users/:id'), canonicalRoute('/users/:id/orders'));
    assert.notEqual(canonicalRoute('/users/:id'), canonicalRoute('/users/me'));
  });

  test('more literal text is more specific; wildcards are least specific', () => {
    const literal = compileRouteTemplate('/items/featured')!;
    const parameter = compileRouteTemplate('/items/{id}')!;
    const wildcard = compileRouteTemplate('/items/*')!;
    assert.ok(compareSpecificity(literal, parameter) < 0);
    assert.ok(compareSpecificity(parameter, wildcard) < 0);
    assert.equal(compareSpecificity(parameter, compileRouteTemplate('/items/:other')!), 0);
  });
});
