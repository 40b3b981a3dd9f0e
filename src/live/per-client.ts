/**
 * Subscriptions open per client (its remote address), so that one client cannot take every slot
 * of the server. Behind a reverse proxy every client has the proxy's address: give the limit room
 * for that, or let the proxy limit per client.
 */
export interface ClientSubscriptions {
  /** Subscriptions this client holds open now. */
  openBy(client: string): number;
  /** Counts the iterator as one of the client's until it ends, however it ends. */
  track<T>(client: string, iterator: AsyncIterableIterator<T>): AsyncIterableIterator<T>;
}

export function createClientSubscriptions(): ClientSubscriptions {
  const open = new Map<string, number>();
  return {
    openBy: (client) => open.get(client) ?? 0,
    track(client, inner) {
      open.set(client, (open.get(client) ?? 0) + 1);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const left = (open.get(client) ?? 1) - 1;
        if (left > 0) open.set(client, left);
        else open.delete(client);
      };
      return {
        async next() {
          try {
            const result = await inner.next();
            if (result.done) release();
            return result;
          } catch (error) {
            release();
            throw error;
          }
        },
        async return(value?: unknown) {
          release();
          return inner.return ? inner.return(value) : { done: true as const, value: undefined };
        },
        async throw(error?: unknown) {
          release();
          if (inner.throw) return inner.throw(error);
          throw error;
        },
        [Symbol.asyncIterator]() {
          return this;
        },
      };
    },
  };
}

/** The client of a request: the peer's address (IPv4-mapped IPv6 written as IPv4), `in-process` without a socket. */
export function clientOf(req: { socket?: { remoteAddress?: string | undefined } } | undefined): string {
  const address = req?.socket?.remoteAddress;
  if (!address) return 'in-process';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
