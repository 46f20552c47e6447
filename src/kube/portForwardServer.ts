/**
 * A local TCP listener on 127.0.0.1 (an ephemeral port) that opens one port-forward WebSocket per accepted
 * connection, through client-node's `PortForward`. Unlike the library's example, every failure reaches the
 * local socket at once: an upgrade refused (403, 404), text on the error channel (the pod's port refused),
 * or the WebSocket dropping. Each failure is also reported to the owner (forwardSession.ts) with a reason,
 * and kept per local connection so a client can say why its request failed.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { PortForward, type KubeConfig } from '@kubernetes/client-node';
import type { KubeFailure, KubeResult } from './kubeFailure';
import type { KubeLogger } from './kubeLogger';
import { describeApiFailure } from './rbacErrors';

export interface TunnelTarget {
  readonly namespace: string;
  readonly pod: string;
  readonly containerPort: number;
}

export interface PortForwardServerOptions {
  readonly kubeConfig: KubeConfig;
  readonly server: string;
  /** The pod to reach for a new connection; may wait while the owner reconnects. */
  readonly target: () => Promise<KubeResult<TunnelTarget>>;
  /** Called before the local socket is failed, so the owner can react before the client sees the error. */
  readonly onTunnelFailure: (failure: KubeFailure, target: TunnelTarget | undefined) => void;
  readonly logger: KubeLogger;
}

/** The parts of the `ws` WebSocket the library returns that we use (the `ws` package ships no types here). */
interface TunnelSocket {
  on(event: 'close', listener: (code: number) => void): void;
  on(event: 'error', listener: (error: unknown) => void): void;
  close(): void;
  terminate(): void;
}

/** Normal closure (1000) and closure without a status (1005): the pod side finished the stream. */
const NORMAL_CLOSES = new Set([1000, 1005]);
/** Failures kept per local port for clients to look up; old entries are dropped past this many. */
const MAX_REMEMBERED_FAILURES = 256;

export class PortForwardServer {
  private readonly sockets = new Set<Socket>();
  private readonly tunnels = new Set<TunnelSocket>();
  private readonly failures = new Map<number, KubeFailure>();

  private constructor(private readonly server: Server, readonly port: number, private readonly options: PortForwardServerOptions) {
    server.on('connection', (socket) => void this.accept(socket));
  }

  static async start(options: PortForwardServerOptions): Promise<PortForwardServer> {
    const server = createServer({ pauseOnConnect: true });
    // Loopback only: anything else would expose the cluster's trace backend to the local network.
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('listener has no TCP address');
    return new PortForwardServer(server, address.port, options);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Local connections currently open (for leak checks). */
  get openConnections(): number {
    return this.sockets.size;
  }

  /** Why the tunnel behind the local connection from `clientPort` failed, if it did. */
  failureFor(clientPort: number | undefined): KubeFailure | undefined {
    return clientPort === undefined ? undefined : this.failures.get(clientPort);
  }

  async close(): Promise<void> {
    for (const tunnel of this.tunnels) tunnel.terminate();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async accept(socket: Socket): Promise<void> {
    this.sockets.add(socket);
    const clientPort = socket.remotePort;
    // Ephemeral ports get reused: a new connection must not inherit an old connection's failure.
    if (clientPort !== undefined) this.failures.delete(clientPort);
    socket.setNoDelay(true);
    socket.on('error', () => undefined); // failures are reported through fail(); a reset by the client is normal
    socket.once('close', () => this.sockets.delete(socket));
    const failer = (target: TunnelTarget | undefined) => (failure: KubeFailure): void => {
      if (socket.destroyed) return;
      this.remember(clientPort, failure);
      this.options.logger.log('warn', `port-forward ${describe(target)}: ${failure.message}`);
      this.options.onTunnelFailure(failure, target);
      socket.destroy();
    };
    const resolved = await this.options.target();
    if (!resolved.ok) return failer(undefined)(resolved.failure);
    if (!socket.destroyed) await this.openTunnel(socket, resolved.value, failer(resolved.value));
  }

  private async openTunnel(socket: Socket, target: TunnelTarget, fail: (failure: KubeFailure) => void): Promise<void> {
    const output = new Writable({ write: (chunk: Buffer, _encoding, done) => { if (!socket.destroyed) socket.write(chunk); done(); } });
    // The error channel carries text from the kubelet, e.g. "... dial tcp4 127.0.0.1:16686: connect: connection refused".
    // The library passes on the port header's remainder, an empty chunk, first.
    const errors = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        if (chunk.length > 0) fail(errorChannelFailure(chunk.toString('utf8'), target));
        done();
      },
    });
    const forward = new PortForward(this.options.kubeConfig, true);
    let tunnel: TunnelSocket;
    try {
      tunnel = await forward.portForward(target.namespace, target.pod, [target.containerPort], output, errors, socket) as unknown as TunnelSocket;
    } catch (error) {
      return fail(describeApiFailure(error, { verb: 'create', resource: 'pods/portforward', namespace: target.namespace, name: target.pod }, this.options.server));
    }
    this.tunnels.add(tunnel);
    let closedLocally = false;
    tunnel.on('error', () => undefined); // followed by 'close', handled there
    tunnel.on('close', (code) => {
      this.tunnels.delete(tunnel);
      if (closedLocally || NORMAL_CLOSES.has(code)) socket.end();
      else fail({ kind: 'unreachable', message: `the port-forward to pod ${target.pod} was cut (WebSocket closed with ${code})` });
    });
    if (socket.destroyed) {
      closedLocally = true;
      tunnel.close();
      return;
    }
    socket.once('close', () => { closedLocally = true; tunnel.close(); });
    // pauseOnConnect held the client's first bytes until the tunnel could take them.
    socket.resume();
  }

  private remember(clientPort: number | undefined, failure: KubeFailure): void {
    if (clientPort === undefined) return;
    this.failures.set(clientPort, failure);
    if (this.failures.size > MAX_REMEMBERED_FAILURES) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
  }
}

function errorChannelFailure(text: string, target: TunnelTarget | undefined): KubeFailure {
  const where = describe(target);
  if (/connection refused/i.test(text)) return { kind: 'port-refused', message: `${where} refused the connection: nothing listens on port ${target?.containerPort ?? '?'} in the pod` };
  return { kind: 'unreachable', message: `port-forward to ${where} failed: ${text.trim()}` };
}

function describe(target: TunnelTarget | undefined): string {
  return target ? `pod ${target.namespace}/${target.pod} port ${target.containerPort}` : 'the pod';
}
