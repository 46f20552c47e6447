/**
 * An in-process fake Kubernetes API server: `node:http` on 127.0.0.1 serving the v1 REST endpoints the
 * kube code uses (list/get pods and services, with label selectors and namespaces; 401, 403 and 404 as
 * `Status` objects; bearer-token auth) and the pods/portforward WebSocket upgrade speaking the real
 * protocol (fakePortForward.ts). Driven by the real @kubernetes/client-node through a generated kubeconfig.
 *
 *   const api = await FakeApiServer.start({ token: 'secret-token' });
 *   api.cluster.addPod({ … }); api.cluster.addService({ … });
 *   writeKubeconfig(dir, { server: api.url, token: 'secret-token' });
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { FakeCluster, listJson, podJson, serviceJson } from './fakeCluster';
import { PORT_FORWARD_PROTOCOLS, servePortForward } from './fakePortForward';
import { ws, type ServerWebSocket } from './wsTypes';

export interface ForbiddenRule {
  readonly verb: 'get' | 'list' | 'create';
  readonly resource: string;
  readonly namespace?: string;
}

export interface RecordedApiRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
}

export class FakeApiServer {
  readonly cluster = new FakeCluster();
  readonly requests: RecordedApiRequest[] = [];
  readonly forbidden: ForbiddenRule[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly tunnels = new Map<ServerWebSocket, string>();
  private readonly wss = new ws.WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => PORT_FORWARD_PROTOCOLS.find((p) => offered.has(p)) ?? false,
  });
  private server: Server = createServer();
  private boundPort = 0;

  private constructor(private readonly token: string) {}

  static async start(options: { token: string }): Promise<FakeApiServer> {
    return new FakeApiServer(options.token).listen(0);
  }

  get port(): number {
    return this.boundPort;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Port-forward WebSockets currently open. */
  get openTunnels(): number {
    return this.tunnels.size;
  }

  /** Deletes a pod: it leaves the API at once and its open port-forwards are cut, as when a node kills it. */
  deletePod(namespace: string, name: string): void {
    this.cluster.removePod(namespace, name);
    for (const [tunnel, pod] of this.tunnels) if (pod === `${namespace}/${name}`) tunnel.terminate();
  }

  /** Stops answering (connections refused) until restart(); open tunnels are cut. */
  async stop(): Promise<void> {
    for (const tunnel of this.tunnels.keys()) tunnel.terminate();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Listens again on the same port. */
  async restart(): Promise<void> {
    this.server = createServer();
    await this.listen(this.port);
  }

  async close(): Promise<void> {
    await this.stop();
    this.wss.close();
  }

  private async listen(port: number): Promise<FakeApiServer> {
    this.server.on('request', (req, res) => this.handle(req, res));
    this.server.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.boundPort = (this.server.address() as AddressInfo).port;
    return this;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, authorization: req.headers.authorization });
    const route = /^\/api\/v1\/namespaces\/([^/]+)\/(pods|services)(?:\/([^/]+))?$/.exec(url.pathname);
    if (!this.authorized(req)) return status(res, 401, 'Unauthorized', 'Unauthorized');
    if (!route || req.method !== 'GET') return status(res, 404, 'NotFound', 'the server could not find the requested resource');
    const [, namespace = '', resource = '', name] = route;
    const verb = name === undefined ? 'list' : 'get';
    if (this.isForbidden(verb, resource, namespace)) {
      return status(res, 403, 'Forbidden', `${resource} is forbidden: User "test-user" cannot ${verb} resource "${resource}" in API group "" in the namespace "${namespace}"`);
    }
    const selector = url.searchParams.get('labelSelector') ?? '';
    if (resource === 'pods') {
      if (name === undefined) return json(res, 200, listJson('PodList', this.cluster.podsMatching(namespace, selector).map(podJson)));
      const pod = this.cluster.findPod(namespace, name);
      return pod ? json(res, 200, podJson(pod)) : status(res, 404, 'NotFound', `pods "${name}" not found`);
    }
    const services = this.cluster.services.filter((s) => s.namespace === namespace);
    if (name === undefined) return json(res, 200, listJson('ServiceList', services.map(serviceJson)));
    const service = services.find((s) => s.name === name);
    return service ? json(res, 200, serviceJson(service)) : status(res, 404, 'NotFound', `services "${name}" not found`);
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    this.requests.push({ method: 'UPGRADE', path: url.pathname, authorization: req.headers.authorization });
    const route = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/portforward$/.exec(url.pathname);
    const port = Number(url.searchParams.get('ports'));
    if (!this.authorized(req)) return refuseUpgrade(socket, 401, 'Unauthorized');
    if (!route || !Number.isInteger(port) || port <= 0) return refuseUpgrade(socket, 400, 'Bad Request');
    const [, namespace = '', name = ''] = route;
    if (this.isForbidden('create', 'pods/portforward', namespace)) return refuseUpgrade(socket, 403, 'Forbidden');
    const pod = this.cluster.findPod(namespace, name);
    if (!pod) return refuseUpgrade(socket, 404, 'Not Found');
    this.wss.handleUpgrade(req, socket, head, (tunnel) => {
      this.tunnels.set(tunnel, `${namespace}/${name}`);
      tunnel.on('close', () => this.tunnels.delete(tunnel));
      servePortForward(tunnel, pod, port);
    });
  }

  private authorized(req: IncomingMessage): boolean {
    return req.headers.authorization === `Bearer ${this.token}`;
  }

  private isForbidden(verb: string, resource: string, namespace: string): boolean {
    return this.forbidden.some((rule) => rule.verb === verb && rule.resource === resource && (rule.namespace === undefined || rule.namespace === namespace));
  }
}

function json(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

function status(res: ServerResponse, code: number, reason: string, message: string): void {
  json(res, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
}

function refuseUpgrade(socket: Duplex, code: number, text: string): void {
  const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: text, code });
  socket.end(`HTTP/1.1 ${code} ${text}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}
