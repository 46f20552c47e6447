/**
 * The few parts of the `ws` package (a dependency of @kubernetes/client-node, which ships no types here) that
 * the fake API server uses, loaded through a typed require.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

export interface ServerWebSocket {
  readonly protocol: string;
  send(data: Buffer | string): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): void;
  on(event: 'close', listener: (code: number) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
}

export interface WebSocketServer {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, done: (ws: ServerWebSocket) => void): void;
  close(): void;
}

interface WsModule {
  WebSocketServer: new (options: { noServer: true; handleProtocols: (offered: Set<string>) => string | false }) => WebSocketServer;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const ws = require('ws') as WsModule;
