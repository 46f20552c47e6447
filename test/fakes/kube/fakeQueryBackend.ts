/**
 * A tiny trace-query HTTP server to put behind the fake port-forward: it answers the probe endpoints of one
 * flavour (Jaeger v1, Jaeger v2 = v1 + /api/v3, Zipkin, Tempo) under an optional base path, and counts its
 * open connections so tests can check that nothing leaks.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type QueryFlavour = 'jaeger-v1' | 'jaeger-v2' | 'zipkin' | 'tempo';

export const SERVICES = ['frontend', 'checkout'];

export class FakeQueryBackend {
  private readonly sockets = new Set<Socket>();
  requests = 0;
  /** While true, requests are received but never answered (a slow query in flight). */
  holdRequests = false;

  private constructor(private readonly server: Server, readonly port: number) {
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  static async start(flavour: QueryFlavour, basePath = ''): Promise<FakeQueryBackend> {
    const server = createServer((req, res) => {
      backend.requests++;
      if (backend.holdRequests) return;
      const path = (req.url ?? '').split('?')[0] ?? '';
      const body = path.startsWith(basePath) ? answer(flavour, path.slice(basePath.length)) : undefined;
      if (body === undefined) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n');
        return;
      }
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(200, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const backend = new FakeQueryBackend(server, (server.address() as AddressInfo).port);
    return backend;
  }

  get openConnections(): number {
    return this.sockets.size;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function answer(flavour: QueryFlavour, path: string): unknown {
  const jaeger = flavour === 'jaeger-v1' || flavour === 'jaeger-v2';
  if (jaeger && path === '/api/services') return { data: SERVICES, total: SERVICES.length, limit: 0, offset: 0, errors: null };
  if (flavour === 'jaeger-v2' && path === '/api/v3/services') return { services: SERVICES };
  if (flavour === 'zipkin' && path === '/api/v2/services') return SERVICES;
  if (flavour === 'tempo' && path === '/api/echo') return 'echo';
  return undefined;
}
