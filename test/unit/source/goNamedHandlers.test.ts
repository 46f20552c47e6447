import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indexCode } from './indexHelpers';

test('Go routes naming a function or method of the file get its declaration as the function range', async () => {
  const file = await indexCode('go', 'gateway/main.go', [
    'package main',
    'func main() {',
    '\thttp.HandleFunc("/orders", handleOrders)',
    '\tmux.HandleFunc("GET /items/{id}", s.getItem)',
    '\tmux.HandleFunc("/elsewhere", handlers.Elsewhere)',
    '}',
    'func handleOrders(w http.ResponseWriter, r *http.Request) {',
    '\tw.WriteHeader(200)',
    '}',
    'func (s *server) getItem(w http.ResponseWriter, r *http.Request) {}',
  ].join('\n'));
  const lines = (path: string) => {
    const handler = file.handlers.find((candidate) => candidate.pathTemplate === path);
    return [handler?.functionName, handler?.functionRange.startLine0, handler?.functionRange.endLine0];
  };
  assert.deepEqual(lines('/orders'), ['handleOrders', 6, 8]);
  assert.deepEqual(lines('/items/{id}'), ['getItem', 9, 9]);
  // Declared in another package: the registration stays the function range.
  assert.deepEqual(lines('/elsewhere'), ['Elsewhere', 4, 4]);
});
