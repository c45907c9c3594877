// Pattern 3: yielding an array or an object of Futures waits for all of them in
// parallel; the result has the same shape.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { coroutine, IOLoop } from 'gust';

// A local server whose every answer takes 100 ms.
function startServer(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    setTimeout(() => res.end(JSON.stringify({ path: req.url })), 100);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const fetchJson = coroutine(function* fetchJson(url: string) {
  const response: Response = yield fetch(url);
  return (yield response.json()) as { path: string };
});

const main = coroutine(function* main() {
  const server: http.Server = yield startServer();
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const loop = IOLoop.current();
  try {
    yield fetchJson(`${base}/warm-up`); // the first fetch also sets up the HTTP client
    let started = loop.time();
    const [a, b, c]: Array<{ path: string }> = yield [fetchJson(`${base}/a`), fetchJson(`${base}/b`), fetchJson(`${base}/c`)];
    console.log(`array: ${a.path} ${b.path} ${c.path} in ${Math.round(loop.time() - started)} ms (three 100 ms requests)`);

    started = loop.time();
    const { user, posts }: { user: { path: string }; posts: { path: string } } = yield {
      user: fetchJson(`${base}/user`),
      posts: fetchJson(`${base}/posts`),
    };
    console.log(`object: user=${user.path} posts=${posts.path} in ${Math.round(loop.time() - started)} ms`);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

IOLoop.current().runSync(() => main());
