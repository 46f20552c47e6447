/**
 * The port-forward WebSocket protocol as the API server speaks it (`v4.channel.k8s.io`): every message
 * starts with a channel byte; for the i-th requested port, data is channel 2i and errors channel 2i+1; the
 * first message on each channel is the port as two little-endian bytes; an error is text on the error
 * channel, then the stream closes. Behind it: a TCP connection to the pod's listener.
 */
import { connect } from 'node:net';
import type { FakePod } from './fakeCluster';
import type { ServerWebSocket } from './wsTypes';

export const PORT_FORWARD_PROTOCOLS = ['v4.channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io', 'channel.k8s.io'];

const DATA_CHANNEL = 0;
const ERROR_CHANNEL = 1;

export function servePortForward(ws: ServerWebSocket, pod: FakePod, port: number): void {
  ws.send(portHeader(DATA_CHANNEL, port));
  ws.send(portHeader(ERROR_CHANNEL, port));
  const fail = (reason: string): void => {
    const text = `an error occurred forwarding ${port} -> ${port}: error forwarding port ${port} to pod ${pod.name}, uid : `
      + `failed to execute portforward in network namespace "/var/run/netns/cni-0": ${reason}`;
    ws.send(Buffer.concat([Buffer.from([ERROR_CHANNEL]), Buffer.from(text, 'utf8')]));
    ws.close(1000);
  };
  const listener = pod.listeners[port];
  if (listener === undefined) {
    fail(`failed to connect to localhost:${port} inside namespace "uid-${pod.name}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused`);
    return;
  }
  const pending: Buffer[] = [];
  let connected = false;
  const upstream = connect(listener, '127.0.0.1', () => {
    connected = true;
    for (const chunk of pending.splice(0)) upstream.write(chunk);
  });
  upstream.on('data', (chunk: Buffer) => ws.send(Buffer.concat([Buffer.from([DATA_CHANNEL]), chunk])));
  upstream.on('end', () => ws.close(1000));
  upstream.on('error', (error: NodeJS.ErrnoException) => {
    if (!connected) fail(`dial tcp4 127.0.0.1:${port}: connect: ${error.code === 'ECONNREFUSED' ? 'connection refused' : error.message}`);
    else ws.terminate();
  });
  ws.on('message', (data) => {
    if (data.length < 1 || data[0] !== DATA_CHANNEL) return;
    const payload = data.subarray(1);
    if (connected) upstream.write(payload);
    else pending.push(payload);
  });
  ws.on('close', () => upstream.destroy());
  ws.on('error', () => upstream.destroy());
}

function portHeader(channel: number, port: number): Buffer {
  const header = Buffer.alloc(3);
  header.writeUInt8(channel, 0);
  header.writeUInt16LE(port, 1);
  return header;
}
