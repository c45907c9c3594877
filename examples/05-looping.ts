// Pattern 5: looping. A coroutine cannot be the condition of a plain `while`, but its
// Future can be yielded there: `while (yield cursor.fetchNext()) { ... }`.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { coroutine, IOLoop } from 'gust';

// A local server that pages through seven records, three at a time.
function startServer(): Promise<http.Server> {
  const records = ['ant', 'bee', 'cat', 'dog', 'eel', 'fox', 'gnu'];
  const server = http.createServer((req, res) => {
    const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page') ?? 0);
    res.end(JSON.stringify(records.slice(page * 3, page * 3 + 3)));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Reads the records one page at a time, like a database cursor. */
class Cursor {
  private page = 0;
  private buffer: string[] = [];
  private current: string | undefined;

  constructor(private readonly url: string) {}

  /** Resolves to true when a next record is available through `next()`. */
  fetchNext = coroutine(function* fetchNext(this: Cursor) {
    if (this.buffer.length === 0) {
      const response: Response = yield fetch(`${this.url}?page=${this.page++}`);
      this.buffer = (yield response.json()) as string[];
    }
    this.current = this.buffer.shift();
    return this.current !== undefined;
  });

  next(): string {
    if (this.current === undefined) throw new Error('call `yield cursor.fetchNext()` first');
    return this.current;
  }
}

const main = coroutine(function* main() {
  const server: http.Server = yield startServer();
  try {
    const cursor = new Cursor(`http://127.0.0.1:${(server.address() as AddressInfo).port}/records`);
    const seen: string[] = [];
    while (yield cursor.fetchNext()) {
      seen.push(cursor.next());
    }
    console.log(`read ${seen.length} records over HTTP, page by page: ${seen.join(', ')}`);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

IOLoop.current().runSync(() => main());
