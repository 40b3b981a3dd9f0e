/** One message of a subscription: a result, or the end of the stream. */
export type LiveMessage = { kind: 'next'; payload: { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] } } | { kind: 'complete' };

/** A queue of subscription messages that a test takes one by one, with a deadline. */
export class LiveInbox {
  private readonly messages: LiveMessage[] = [];
  private readonly waiters: ((message: LiveMessage) => void)[] = [];

  constructor(private readonly describe: string) {}

  push(message: LiveMessage): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(message);
    else this.messages.push(message);
  }

  /** The next message; fails naming the subscription when none comes in time. */
  next(timeoutMs = 10_000): Promise<LiveMessage> {
    const queued = this.messages.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no subscription message within ${timeoutMs} ms\n--- subscription\n${this.describe}`));
      }, timeoutMs);
      const waiter = (message: LiveMessage) => {
        clearTimeout(timer);
        resolve(message);
      };
      this.waiters.push(waiter);
    });
  }

  /** The data of the next message, which must be a result without errors. */
  async nextData(timeoutMs?: number): Promise<any> {
    const message = await this.next(timeoutMs);
    if (message.kind !== 'next' || message.payload.errors || !message.payload.data) {
      throw new Error(`expected a result\n--- subscription\n${this.describe}\n--- got\n${JSON.stringify(message, null, 2)}`);
    }
    return message.payload.data;
  }
}

export interface SseSubscription {
  status: number;
  inbox: LiveInbox;
  close(): void;
}

/**
 * Starts a subscription over Server-Sent Events through any fetch (the app's or the global one)
 * and feeds its `next` and `complete` events into an inbox.
 */
export async function subscribeSse(
  fetchFn: (url: string, init: RequestInit) => Promise<Response>,
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<SseSubscription> {
  const aborter = new AbortController();
  const inbox = new LiveInbox(`${query}\n--- variables\n${JSON.stringify(variables)}`);
  const response = await fetchFn(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query, variables }),
    signal: aborter.signal,
  });
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (\w+)$/m.exec(block)?.[1];
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trim())
            .join('\n');
          if (event === 'next') inbox.push({ kind: 'next', payload: JSON.parse(data) });
          if (event === 'complete') inbox.push({ kind: 'complete' });
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return { status: response.status, inbox, close: () => aborter.abort() };
}

/** Polls until the condition holds; fails with the message otherwise. */
export async function until(condition: () => boolean | Promise<boolean>, message: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
