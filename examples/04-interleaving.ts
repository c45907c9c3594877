// Pattern 4: interleaving. Start a Future, do other work while it runs, and yield it
// later when its result is needed.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { coroutine, IOLoop, sleep } from 'gust';

function startServer(): Promise<http.Server> {
  const server = http.createServer((_req, res) => {
    setTimeout(() => res.end('report ready'), 100);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const fetchText = coroutine(function* fetchText(url: string) {
  const response: Response = yield fetch(url);
  return (yield response.text()) as string;
});

const main = coroutine(function* main() {
  const server: http.Server = yield startServer();
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/report`;
  const loop = IOLoop.current();
  try {
    yield fetchText(url); // warm up: the first fetch also sets up the HTTP client
    const started = loop.time();
    const report = fetchText(url); // started, not waited for yet
    for (let step = 1; step <= 3; step++) {
      yield sleep(30); // other work while the request is in flight
      console.log(`other work, step ${step}, at ${Math.round(loop.time() - started)} ms`);
    }
    const body: string = yield report; // now wait for it
    console.log(`"${body}" after ${Math.round(loop.time() - started)} ms: the work overlapped the request`);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

IOLoop.current().runSync(() => main());
