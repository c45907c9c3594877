import { rule } from '../../src/rules/no-coroutine-periodic-callback';
import { ruleTester, typedRuleTester } from '../rule-tester';

ruleTester.run('no-coroutine-periodic-callback', rule, {
  valid: [
    {
      name: 'a synchronous function',
      code: `
import { PeriodicCallback } from 'gust';
new PeriodicCallback(() => console.log('tick'), 1000).start();
`,
    },
    {
      name: 'an arrow that starts a coroutine with spawnCallback returns nothing',
      code: `
import { coroutine, IOLoop, PeriodicCallback } from 'gust';
const poll = coroutine(function* () {});
new PeriodicCallback(() => { IOLoop.current().spawnCallback(poll); }, 1000).start();
`,
    },
    {
      name: 'a PeriodicCallback that is not the runtime\'s',
      code: `
import { coroutine } from 'gust';
import { PeriodicCallback } from './scheduler';
const poll = coroutine(function* () {});
new PeriodicCallback(poll, 1000).start();
`,
    },
    {
      name: 'the recommended loop',
      code: `
import { coroutine, IOLoop, sleep } from 'gust';
const poll = coroutine(function* () {});
IOLoop.current().spawnCallback(coroutine(function* () {
  while (true) {
    yield poll();
    yield sleep(1000);
  }
}));
`,
    },
    {
      name: 'allowed by name',
      code: `
import { coroutine, PeriodicCallback } from 'gust';
const flush = coroutine(function* () {});
new PeriodicCallback(flush, 1000).start();
`,
      options: [{ allow: ['flush'] }],
    },
  ],
  invalid: [
    {
      name: 'a coroutine, started in the same statement: sleep added to the import, PeriodicCallback taken out',
      code: `
import { coroutine, IOLoop, PeriodicCallback } from 'gust';
const poll = coroutine(function* () {});
new PeriodicCallback(poll, 1000).start();
`,
      errors: [
        {
          messageId: 'periodicCoroutine',
          data: { kind: 'Future' },
          line: 4,
          column: 22,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'rewriteAsLoop',
              output: `
import { coroutine, IOLoop, sleep } from 'gust';
const poll = coroutine(function* () {});
IOLoop.current().spawnCallback(coroutine(function* () {
  while (true) {
    yield poll();
    yield sleep(1000);
  }
}));
`,
            },
          ],
        },
      ],
    },
    {
      name: 'an async arrow kept in a variable started in the same block, comments kept',
      code: `
import { PeriodicCallback } from 'gust';
function main() {
  const checker = new PeriodicCallback(async () => {
    await ping();
  }, 5000 /* five seconds */);
  report();
  // go
  checker.start();
}
`,
      errors: [
        {
          messageId: 'periodicCoroutine',
          data: { kind: 'Promise' },
          line: 4,
          column: 40,
          endLine: 6,
          endColumn: 4,
          suggestions: [
            {
              messageId: 'rewriteAsLoop',
              output: `
import { IOLoop, coroutine, sleep } from 'gust';
function main() {
  report();
  // go
  /* five seconds */
  IOLoop.current().spawnCallback(coroutine(function* () {
    while (true) {
      yield (async () => {
        await ping();
      })();
      yield sleep(5000);
    }
  }));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'an async function declared in the file, namespace import',
      code: `
import * as gust from 'gust';
async function refresh() {}
new gust.PeriodicCallback(refresh, 60 * 1000, 0.1).start();
`,
      errors: [
        {
          messageId: 'periodicCoroutine',
          data: { kind: 'Promise' },
          line: 4,
          column: 27,
          endColumn: 34,
          suggestions: [
            {
              messageId: 'rewriteAsLoop',
              output: `
import * as gust from 'gust';
async function refresh() {}
gust.IOLoop.current().spawnCallback(gust.coroutine(function* () {
  while (true) {
    yield refresh();
    yield gust.sleep(60 * 1000);
  }
}));
`,
            },
          ],
        },
      ],
    },
    {
      name: 'an @coroutine method through this: const self = this',
      code: `
import { coroutine, PeriodicCallback } from 'gust';
class Cache {
  interval = 1000;
  @coroutine
  *reload() {}
  start() {
    new PeriodicCallback(this.reload, this.interval).start();
  }
}
`,
      errors: [
        {
          messageId: 'periodicCoroutine',
          line: 8,
          column: 26,
          endColumn: 37,
          suggestions: [
            {
              messageId: 'rewriteAsLoop',
              output: `
import { coroutine, IOLoop, sleep } from 'gust';
class Cache {
  interval = 1000;
  @coroutine
  *reload() {}
  start() {
    const self = this;
    IOLoop.current().spawnCallback(coroutine(function* () {
      while (true) {
        yield self.reload();
        yield sleep(self.interval);
      }
    }));
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'an arrow returning a coroutine call, CommonJS, no semicolons around',
      code: `
const { coroutine, PeriodicCallback } = require('gust')
const poll = coroutine(function* (_db) {})
const db = {}
new PeriodicCallback(() => poll(db), 250).start()
`,
      errors: [
        {
          messageId: 'periodicCoroutine',
          data: { kind: 'Future' },
          line: 5,
          column: 22,
          endColumn: 36,
          suggestions: [
            {
              messageId: 'rewriteAsLoop',
              output: `
const { coroutine, IOLoop, sleep } = require('gust')
const poll = coroutine(function* (_db) {})
const db = {}
IOLoop.current().spawnCallback(coroutine(function* () {
  while (true) {
    yield poll(db);
    yield sleep(250);
  }
}));
`,
            },
          ],
        },
      ],
    },
    {
      name: 'an inline coroutine in parentheses',
      code: `
import { coroutine, PeriodicCallback } from 'gust';
new PeriodicCallback((coroutine(function* () {})), 10).start();
`,
      errors: [
        {
          messageId: 'periodicCoroutine',
          line: 3,
          column: 23,
          endColumn: 49,
          suggestions: [
            {
              messageId: 'rewriteAsLoop',
              output: `
import { coroutine, IOLoop, sleep } from 'gust';
IOLoop.current().spawnCallback(coroutine(function* () {
  while (true) {
    yield coroutine(function* () {})();
    yield sleep(10);
  }
}));
`,
            },
          ],
        },
      ],
    },
    {
      name: 'PeriodicCallback first of several names, still used elsewhere: the import stays',
      code: `
import { PeriodicCallback, coroutine } from 'gust';
const poll = coroutine(function* () {});
new PeriodicCallback(poll, 1000).start();
new PeriodicCallback(() => console.log('tick'), 1000).start();
`,
      errors: [
        {
          messageId: 'periodicCoroutine',
          line: 4,
          column: 22,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'rewriteAsLoop',
              output: `
import { PeriodicCallback, coroutine, IOLoop, sleep } from 'gust';
const poll = coroutine(function* () {});
IOLoop.current().spawnCallback(coroutine(function* () {
  while (true) {
    yield poll();
    yield sleep(1000);
  }
}));
new PeriodicCallback(() => console.log('tick'), 1000).start();
`,
            },
          ],
        },
      ],
    },
    {
      name: 'PeriodicCallback first of several names and no longer used: taken out',
      code: `
import { PeriodicCallback, coroutine } from 'gust';
const poll = coroutine(function* () {});
new PeriodicCallback(poll, 1000).start();
`,
      errors: [
        {
          messageId: 'periodicCoroutine',
          line: 4,
          column: 22,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'rewriteAsLoop',
              output: `
import { coroutine, IOLoop, sleep } from 'gust';
const poll = coroutine(function* () {});
IOLoop.current().spawnCallback(coroutine(function* () {
  while (true) {
    yield poll();
    yield sleep(1000);
  }
}));
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a PeriodicCallback that is also stopped: reported, no rewrite',
      code: `
import { coroutine, PeriodicCallback } from 'gust';
const poll = coroutine(function* () {});
const pc = new PeriodicCallback(poll, 1000);
pc.start();
process.on('SIGTERM', () => pc.stop());
`,
      errors: [{ messageId: 'periodicCoroutine', line: 4, column: 33, endColumn: 37, suggestions: [] }],
    },
    {
      name: 'a PeriodicCallback kept on an object: reported, no rewrite',
      code: `
import { coroutine, PeriodicCallback } from 'gust';
const poll = coroutine(function* () {});
const jobs = { poller: new PeriodicCallback(poll, 1000) };
jobs.poller.start();
`,
      errors: [{ messageId: 'periodicCoroutine', line: 4, column: 45, endColumn: 49, suggestions: [] }],
    },
    {
      name: 'a name from settings.gust.coroutines',
      code: `
import { PeriodicCallback } from 'gust';
import { syncAll } from './sync';
new PeriodicCallback(syncAll, 30000).start();
`,
      settings: { gust: { coroutines: ['syncAll'] } },
      errors: [
        {
          messageId: 'periodicCoroutine',
          line: 4,
          column: 22,
          endColumn: 29,
          suggestions: [
            {
              messageId: 'rewriteAsLoop',
              output: `
import { IOLoop, coroutine, sleep } from 'gust';
import { syncAll } from './sync';
IOLoop.current().spawnCallback(coroutine(function* () {
  while (true) {
    yield syncAll();
    yield sleep(30000);
  }
}));
`,
            },
          ],
        },
      ],
    },
  ],
});

typedRuleTester.run('no-coroutine-periodic-callback (typed)', rule, {
  valid: [
    {
      name: 'a synchronous function from another file',
      code: "import { PeriodicCallback } from 'gust';\nimport { tick } from './jobs';\nnew PeriodicCallback(tick, 10).start();",
    },
    {
      name: "a function returning a user's own Future class, which is not a thenable",
      code: "import { PeriodicCallback } from 'gust';\nimport { compute } from './own-future';\nnew PeriodicCallback(compute, 10).start();",
    },
  ],
  invalid: [
    {
      name: 'a Promise-returning function from another file, known only by its type',
      code: "import { PeriodicCallback } from 'gust';\nimport { ping } from './jobs';\nnew PeriodicCallback(ping, 10).start();",
      errors: [
        {
          messageId: 'periodicCoroutine',
          data: { kind: 'Promise' },
          line: 3,
          column: 22,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'rewriteAsLoop',
              output:
                "import { IOLoop, coroutine, sleep } from 'gust';\nimport { ping } from './jobs';\nIOLoop.current().spawnCallback(coroutine(function* () {\n  while (true) {\n    yield ping();\n    yield sleep(10);\n  }\n}));",
            },
          ],
        },
      ],
    },
    {
      name: 'a Future-returning method from another file',
      code: "import { PeriodicCallback } from 'gust';\nimport { jobs } from './jobs';\nnew PeriodicCallback(() => jobs.refresh(1), 10).start();",
      errors: [
        {
          messageId: 'periodicCoroutine',
          data: { kind: 'Future' },
          line: 3,
          column: 22,
          endColumn: 43,
          suggestions: [
            {
              messageId: 'rewriteAsLoop',
              output:
                "import { IOLoop, coroutine, sleep } from 'gust';\nimport { jobs } from './jobs';\nIOLoop.current().spawnCallback(coroutine(function* () {\n  while (true) {\n    yield jobs.refresh(1);\n    yield sleep(10);\n  }\n}));",
            },
          ],
        },
      ],
    },
  ],
});
