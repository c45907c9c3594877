import { rule } from '../../src/rules/no-blocking-in-coroutine';
import { ruleTester, typedRuleTester } from '../rule-tester';

ruleTester.run('no-blocking-in-coroutine', rule, {
  valid: [
    {
      name: 'blocking call at module level (start-up code)',
      code: `
import * as fs from 'node:fs';
const config = fs.readFileSync('config.json', 'utf8');
`,
    },
    {
      name: 'blocking call in a plain function',
      code: `
import { execSync } from 'child_process';
function build() { return execSync('make'); }
`,
    },
    {
      name: 'blocking call in a generator that is not a coroutine',
      code: `
import * as fs from 'fs';
function* lines() { yield fs.readFileSync('a.txt', 'utf8'); }
`,
    },
    {
      name: 'blocking call in a callback nested in a coroutine runs later, outside it',
      code: `
import * as fs from 'fs';
import { coroutine } from 'gust';
const watch = coroutine(function* () {
  setTimeout(() => fs.readFileSync('a.txt'), 10);
});
`,
    },
    {
      name: 'an array callback outside any coroutine',
      code: `
import * as fs from 'fs';
export const texts = ['a'].map((p) => fs.readFileSync(p, 'utf8'));
`,
    },
    {
      name: 'a local function that shares the name of a blocking one',
      code: `
import { coroutine } from 'gust';
function readFileSync(path: string) { return path; }
const load = coroutine(function* () {
  readFileSync('a.txt');
});
`,
    },
    {
      name: 'the non-blocking API',
      code: `
import * as fs from 'fs';
import { coroutine } from 'gust';
const load = coroutine(function* () {
  const text = yield fs.promises.readFile('a.txt', 'utf8');
  return text;
});
`,
    },
    {
      name: 'light crypto calls',
      code: `
import * as crypto from 'node:crypto';
import { coroutine } from 'gust';
const token = coroutine(function* () {
  const buffer = Buffer.alloc(16);
  crypto.randomFillSync(buffer);
  return crypto.createHash('sha256').update(buffer).digest('hex');
});
`,
    },
    {
      name: 'allowed by name',
      code: `
import * as fs from 'fs';
import { coroutine } from 'gust';
const check = coroutine(function* () {
  return fs.existsSync('a.txt');
});
`,
      options: [{ allow: ['existsSync'] }],
    },
    {
      name: 'allowed by package specifier',
      code: `
import { existsSync } from 'fs';
import { coroutine } from 'gust';
const check = coroutine(function* () {
  return existsSync('a.txt');
});
`,
      options: [{ allow: [{ from: 'package', package: 'fs', name: 'existsSync' }] }],
    },
    {
      name: 'allowed by file specifier: a blocking call in a file that is allowed to block',
      code: `
import * as fs from 'fs';
import { coroutine } from 'gust';
const check = coroutine(function* () {
  return fs.statSync('a.txt');
});
`,
      filename: 'scripts/build.ts',
      options: [{ allow: [{ from: 'file', name: 'statSync', path: 'scripts/build.ts' }] }],
    },
    {
      name: 'a clock loop that waits inside',
      code: `
import { coroutine, sleep } from 'gust';
const poll = coroutine(function* (end: number) {
  while (Date.now() < end) {
    yield sleep(10);
  }
});
`,
    },
    {
      name: 'a clock loop doing work within a time budget',
      code: `
import { coroutine } from 'gust';
const drain = coroutine(function* (queue: number[], end: number) {
  while (Date.now() < end && queue.length > 0) {
    handle(queue.shift());
  }
});
`,
    },
    {
      name: 'a shadowed Atomics',
      code: `
import { coroutine } from 'gust';
const Atomics = { wait(_a: unknown, _b: number, _c: number) { return 'ok'; } };
const f = coroutine(function* () {
  Atomics.wait(null, 0, 0);
});
`,
    },
  ],
  invalid: [
    {
      name: 'namespace import of node:fs: fs.promises twin',
      code: `
import * as fs from 'node:fs';
import { coroutine } from 'gust';
const load = coroutine(function* (path: string) {
  const text = fs.readFileSync(path, 'utf8');
  return text;
});
`,
      errors: [
        {
          messageId: 'blockingCall',
          data: { name: 'fs.readFileSync' },
          line: 5,
          column: 16,
          endColumn: 45,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              data: { operator: 'Yield', replacement: 'fs.promises.readFile' },
              output: `
import * as fs from 'node:fs';
import { coroutine } from 'gust';
const load = coroutine(function* (path: string) {
  const text = yield fs.promises.readFile(path, 'utf8');
  return text;
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'default import inside an @coroutine method',
      code: `
import fs from 'fs';
import { coroutine } from 'gust';
class Store {
  @coroutine
  *load(path: string) {
    return JSON.parse(fs.readFileSync(path, 'utf8'));
  }
}
`,
      errors: [
        {
          messageId: 'blockingCall',
          line: 7,
          column: 23,
          endColumn: 52,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              output: `
import fs from 'fs';
import { coroutine } from 'gust';
class Store {
  @coroutine
  *load(path: string) {
    return JSON.parse(yield fs.promises.readFile(path, 'utf8'));
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'renamed named import: promises is added to the import',
      code: `
import { readFileSync as read } from 'fs';
import { coroutine } from 'gust';
const load = coroutine(function* (path: string) {
  return read(path);
});
`,
      errors: [
        {
          messageId: 'blockingCall',
          data: { name: 'fs.readFileSync' },
          line: 5,
          column: 10,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              output: `
import { readFileSync as read, promises } from 'fs';
import { coroutine } from 'gust';
const load = coroutine(function* (path: string) {
  return yield promises.readFile(path);
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'CommonJS require of the module object',
      code: `
const fs = require('fs');
const { coroutine } = require('gust');
const save = coroutine(function* (path, data) {
  fs.writeFileSync(path, data);
});
`,
      errors: [
        {
          messageId: 'blockingCall',
          data: { name: 'fs.writeFileSync' },
          line: 5,
          column: 3,
          endColumn: 31,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              output: `
const fs = require('fs');
const { coroutine } = require('gust');
const save = coroutine(function* (path, data) {
  yield fs.promises.writeFile(path, data);
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'CommonJS destructuring: promises is added to the pattern',
      code: `
const { statSync } = require('node:fs');
const { coroutine } = require('gust');
const size = coroutine(function* (path) {
  return statSync(path).size;
});
`,
      errors: [
        {
          messageId: 'blockingCall',
          data: { name: 'fs.statSync' },
          line: 5,
          column: 10,
          endColumn: 24,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              output: `
const { statSync, promises } = require('node:fs');
const { coroutine } = require('gust');
const size = coroutine(function* (path) {
  return (yield promises.stat(path)).size;
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'child_process without a twin: run in the executor, IOLoop added to the named import',
      code: `
import { execSync } from 'node:child_process';
import { coroutine } from 'gust';
const build = coroutine(function* () {
  execSync('make', { stdio: 'inherit' });
});
`,
      errors: [
        {
          messageId: 'blockingCall',
          data: { name: 'child_process.execSync' },
          line: 5,
          column: 3,
          endColumn: 41,
          suggestions: [
            {
              messageId: 'useExecutor',
              data: { operator: 'yield', name: 'execSync' },
              output: `
import { execSync } from 'node:child_process';
import { coroutine, IOLoop } from 'gust';
const build = coroutine(function* () {
  yield IOLoop.current().runInExecutor(null, (...args) => require('node:child_process').execSync(...args), 'make', { stdio: 'inherit' });
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'fs function without a twin (existsSync) in a condition, namespace runtime import',
      code: `
import * as fs from 'fs';
import * as gust from 'gust';
const check = gust.coroutine(function* (path: string) {
  if (fs.existsSync(path)) return 1;
  return 0;
});
`,
      errors: [
        {
          messageId: 'blockingCall',
          data: { name: 'fs.existsSync' },
          line: 5,
          column: 7,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'useExecutor',
              output: `
import * as fs from 'fs';
import * as gust from 'gust';
const check = gust.coroutine(function* (path: string) {
  if (yield gust.IOLoop.current().runInExecutor(null, (...args) => require('fs').existsSync(...args), path)) return 1;
  return 0;
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'zlib via require member access',
      code: `
const { coroutine, IOLoop } = require('gust');
const pack = coroutine(function* (data) {
  const packed = require('zlib').gzipSync(data);
  return packed;
});
`,
      errors: [
        {
          messageId: 'blockingCall',
          data: { name: 'zlib.gzipSync' },
          line: 4,
          column: 18,
          endColumn: 48,
          suggestions: [
            {
              messageId: 'useExecutor',
              output: `
const { coroutine, IOLoop } = require('gust');
const pack = coroutine(function* (data) {
  const packed = yield IOLoop.current().runInExecutor(null, (...args) => require('zlib').gzipSync(...args), data);
  return packed;
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'heavy crypto in an async function: await, and a new IOLoop import',
      code: `
import { scryptSync } from 'crypto';
async function derive(password: string, salt: string) {
  return scryptSync(password, salt, 64);
}
`,
      errors: [
        {
          messageId: 'blockingCall',
          data: { name: 'crypto.scryptSync' },
          line: 4,
          column: 10,
          endColumn: 40,
          suggestions: [
            {
              messageId: 'useExecutor',
              data: { operator: 'await', name: 'scryptSync' },
              output: `
import { scryptSync } from 'crypto';
import { IOLoop } from 'gust';
async function derive(password: string, salt: string) {
  return await IOLoop.current().runInExecutor(null, (...args) => require('crypto').scryptSync(...args), password, salt, 64);
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'await needs parentheses before a member access',
      code: `
import * as fs from 'fs';
async function size(path: string) {
  return fs.readFileSync(path).length;
}
`,
      errors: [
        {
          messageId: 'blockingCall',
          line: 4,
          column: 10,
          endColumn: 31,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              data: { operator: 'Await', replacement: 'fs.promises.readFile' },
              output: `
import * as fs from 'fs';
async function size(path: string) {
  return (await fs.promises.readFile(path)).length;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'comments inside the call are kept',
      code: `
import * as fs from 'fs';
import { coroutine } from 'gust';
const load = coroutine(function* (path: string) {
  return fs.readFileSync(/* where */ path, 'utf8' /* text */);
});
`,
      errors: [
        {
          messageId: 'blockingCall',
          line: 5,
          column: 10,
          endColumn: 62,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              output: `
import * as fs from 'fs';
import { coroutine } from 'gust';
const load = coroutine(function* (path: string) {
  return yield fs.promises.readFile(/* where */ path, 'utf8' /* text */);
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a leading semicolon when the parenthesised yield starts a line after one without',
      code: `
import * as fs from 'fs'
import { coroutine } from 'gust'
const touch = coroutine(function* (path: string) {
  const before = 1
  fs.readFileSync(path).length
  return before
})
`,
      errors: [
        {
          messageId: 'blockingCall',
          line: 6,
          column: 3,
          endColumn: 24,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              output: `
import * as fs from 'fs'
import { coroutine } from 'gust'
const touch = coroutine(function* (path: string) {
  const before = 1
  ;(yield fs.promises.readFile(path)).length
  return before
})
`,
            },
          ],
        },
      ],
    },
    {
      name: 'an already parenthesised call keeps its parentheses',
      code: `
import * as fs from 'fs';
import { coroutine } from 'gust';
const lines = coroutine(function* (path: string) {
  return (fs.readFileSync(path, 'utf8')).split('\\n');
});
`,
      errors: [
        {
          messageId: 'blockingCall',
          line: 5,
          column: 11,
          endColumn: 40,
          suggestions: [
            {
              messageId: 'useAsyncApi',
              output: `
import * as fs from 'fs';
import { coroutine } from 'gust';
const lines = coroutine(function* (path: string) {
  return (yield fs.promises.readFile(path, 'utf8')).split('\\n');
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a name `promises` already taken: the executor instead of the fs.promises twin',
      code: `
import { readFileSync } from 'fs';
import { coroutine, IOLoop } from 'gust';
const promises: string[] = [];
const load = coroutine(function* (path: string) {
  promises.push(path);
  return readFileSync(path);
});
`,
      errors: [
        {
          messageId: 'blockingCall',
          line: 7,
          column: 10,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'useExecutor',
              output: `
import { readFileSync } from 'fs';
import { coroutine, IOLoop } from 'gust';
const promises: string[] = [];
const load = coroutine(function* (path: string) {
  promises.push(path);
  return yield IOLoop.current().runInExecutor(null, (...args) => require('fs').readFileSync(...args), path);
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a blocking call in an array callback runs inside the coroutine: reported without a suggestion',
      code: `
import * as fs from 'fs';
import { coroutine } from 'gust';
const loadAll = coroutine(function* (paths: string[]) {
  return paths.map((p) => fs.readFileSync(p, 'utf8'));
});
`,
      errors: [{ messageId: 'blockingCall', data: { name: 'fs.readFileSync' }, line: 5, column: 27, endColumn: 53, suggestions: [] }],
    },
    {
      name: 'Atomics.wait has no suggestion',
      code: `
import { coroutine } from 'gust';
const block = coroutine(function* (cell: Int32Array) {
  Atomics.wait(cell, 0, 0);
});
`,
      errors: [{ messageId: 'blockingCall', data: { name: 'Atomics.wait' }, line: 4, column: 3, endColumn: 27, suggestions: [] }],
    },
    {
      name: 'busy-wait on Date.now(): sleep, added to the named import',
      code: `
import { coroutine } from 'gust';
const pause = coroutine(function* (ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {}
});
`,
      errors: [
        {
          messageId: 'busyWait',
          line: 5,
          column: 3,
          endColumn: 30,
          suggestions: [
            {
              messageId: 'useSleep',
              data: { operator: 'Yield' },
              output: `
import { coroutine, sleep } from 'gust';
const pause = coroutine(function* (ms: number) {
  const end = Date.now() + ms;
  yield sleep(end - Date.now());
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'busy-wait in a for loop on elapsed performance.now(), comment kept',
      code: `
import { coroutine, sleep as nap } from 'gust';
const pause = coroutine(function* (ms: number) {
  const start = performance.now();
  for (; performance.now() - start < ms; ) {
    // spin
  }
});
`,
      errors: [
        {
          messageId: 'busyWait',
          line: 5,
          column: 3,
          endLine: 7,
          endColumn: 4,
          suggestions: [
            {
              messageId: 'useSleep',
              output: `
import { coroutine, sleep as nap } from 'gust';
const pause = coroutine(function* (ms: number) {
  const start = performance.now();
  // spin
  yield nap(ms - (performance.now() - start));
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'busy-wait until a conditional deadline: the deadline is parenthesised in the subtraction',
      code: `
import * as gust from 'gust';
const pause = gust.coroutine(function* (long: boolean) {
  const start = Date.now();
  while (Date.now() <= (long ? start + 100 : start + 10));
});
`,
      errors: [
        {
          messageId: 'busyWait',
          line: 5,
          column: 3,
          endColumn: 59,
          suggestions: [
            {
              messageId: 'useSleep',
              output: `
import * as gust from 'gust';
const pause = gust.coroutine(function* (long: boolean) {
  const start = Date.now();
  yield gust.sleep((long ? start + 100 : start + 10) - Date.now());
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'busy-wait do/while with a counter, mirrored comparison, in an async function',
      code: `
async function pause(end: number) {
  let spins = 0;
  do { spins++; } while (end > new Date().getTime());
  return spins;
}
`,
      errors: [
        {
          messageId: 'busyWait',
          line: 4,
          column: 3,
          endColumn: 54,
          suggestions: [],
        },
      ],
    },
    {
      name: 'busy-wait with an unusual condition: reported without a suggestion',
      code: `
import { coroutine } from 'gust';
const pause = coroutine(function* (end: number) {
  while (!(Date.now() >= end));
});
`,
      errors: [{ messageId: 'busyWait', line: 4, column: 3, endColumn: 32, suggestions: [] }],
    },
  ],
});

typedRuleTester.run('no-blocking-in-coroutine (typed)', rule, {
  valid: [
    {
      name: 'a blocking call outside any coroutine',
      code: "import * as fs from 'node:fs';\nexport const text = fs.readFileSync('a.txt', 'utf8');",
    },
  ],
  invalid: [
    {
      name: 'a blocking call inside an @coroutine method, with type information',
      code: "import { coroutine } from 'gust';\nimport { existsSync } from 'node:fs';\nexport class Store {\n  @coroutine\n  *has(path: string) {\n    return existsSync(path);\n  }\n}",
      errors: [
        {
          messageId: 'blockingCall',
          data: { name: 'fs.existsSync' },
          line: 6,
          column: 12,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'useExecutor',
              output:
                "import { coroutine, IOLoop } from 'gust';\nimport { existsSync } from 'node:fs';\nexport class Store {\n  @coroutine\n  *has(path: string) {\n    return yield IOLoop.current().runInExecutor(null, (...args) => require('node:fs').existsSync(...args), path);\n  }\n}",
            },
          ],
        },
      ],
    },
  ],
});
