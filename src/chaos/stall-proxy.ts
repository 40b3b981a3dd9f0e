import { connect, createServer, type Socket } from 'node:net';
import { freePort } from './processes.js';

export interface StallProxy {
  /** The proxy's port on 127.0.0.1. */
  port: number;
  /** Stops forwarding both ways: connections stay open, bytes wait, as with a hung peer. */
  stall(): void;
  /** Forwards again, the held bytes first. */
  resume(): void;
  close(): Promise<void>;
}

/** A TCP relay on loopback to `target` that can hang without closing anything. */
export async function startStallProxy(target: { host: string; port: number }): Promise<StallProxy> {
  const pairs = new Set<[Socket, Socket]>();
  // Bytes read before a socket noticed the stall, forwarded in order on resume.
  const held: [Socket, Buffer][] = [];
  let stalled = false;
  const forward = (to: Socket) => (data: Buffer) => {
    if (stalled) held.push([to, data]);
    else to.write(data);
  };
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    for (const socket of pair) {
      socket.on('error', () => {});
      socket.on('close', () => {
        pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      });
    }
    if (stalled) pair.forEach((socket) => socket.pause());
    client.on('data', forward(upstream));
    upstream.on('data', forward(client));
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    stall() {
      stalled = true;
      for (const pair of pairs) pair.forEach((socket) => socket.pause());
    },
    resume() {
      stalled = false;
      for (const [to, data] of held.splice(0)) to.write(data);
      for (const pair of pairs) pair.forEach((socket) => socket.resume());
    },
    async close() {
      for (const pair of pairs) pair.forEach((socket) => socket.destroy());
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
