import { rule } from '../../src/rules/no-misused-coroutine';
import { ruleTester, typedRuleTester } from '../rule-tester';

ruleTester.run('no-misused-coroutine', rule, {
  valid: [
    {
      name: 'a plain function given to setTimeout',
      code: `
function tick() { console.log('tick'); }
setTimeout(tick, 1000);
`,
    },
    {
      name: 'a coroutine given to the loop, which observes it',
      code: `
import { coroutine, IOLoop } from 'gust';
const refresh = coroutine(function* () {});
IOLoop.current().callLater(1000, refresh);
setTimeout(() => IOLoop.current().spawnCallback(refresh), 1000);
`,
    },
    {
      name: 'a local setTimeout that is not the global',
      code: `
import { coroutine } from 'gust';
const refresh = coroutine(function* () {});
function setTimeout(fn: () => unknown, _ms: number) { return fn(); }
setTimeout(refresh, 10);
`,
    },
    {
      name: 'an arrow that calls a coroutine but returns nothing (no-unyielded-coroutine reports the call)',
      code: `
import { coroutine } from 'gust';
const refresh = coroutine(function* () {});
setTimeout(() => { refresh(); }, 10);
`,
    },
    {
      name: 'map, whose result can be yielded',
      code: `
import { coroutine } from 'gust';
const save = coroutine(function* (item: string) { yield item; });
const saveAll = coroutine(function* (items: string[]) {
  yield items.map(save);
});
`,
    },
    {
      name: 'a listener that is an async function is left to no-misused-promises',
      code: `
process.on('SIGHUP', async () => { await reload(); });
`,
    },
    {
      name: 'the callback is not in the listener position',
      code: `
import { coroutine } from 'gust';
const refresh = coroutine(function* () {});
emitter.on(refresh, 'x');
`,
    },
    {
      name: 'allowed by name',
      code: `
import { coroutine } from 'gust';
const refresh = coroutine(function* () {});
setInterval(refresh, 1000);
`,
      options: [{ allow: ['refresh'] }],
    },
  ],
  invalid: [
    {
      name: 'setTimeout with a coroutine: IOLoop added to the named import',
      code: `
import { coroutine } from 'gust';
const refresh = coroutine(function* () {});
setTimeout(refresh, 1000);
`,
      errors: [
        {
          messageId: 'misused',
          data: { api: 'setTimeout' },
          line: 4,
          column: 12,
          endColumn: 19,
          suggestions: [
            {
              messageId: 'spawn',
              output: `
import { coroutine, IOLoop } from 'gust';
const refresh = coroutine(function* () {});
setTimeout(() => IOLoop.current().spawnCallback(refresh), 1000);
`,
            },
          ],
        },
      ],
    },
    {
      name: 'setTimeout with extra arguments forwards them as the coroutine declares its parameters',
      code: `
import { coroutine, IOLoop } from 'gust';
const load = coroutine(function* (id: string) {});
setTimeout(load, 10, 'a');
`,
      errors: [
        {
          messageId: 'misused',
          line: 4,
          column: 12,
          endColumn: 16,
          suggestions: [
            {
              messageId: 'spawn',
              output: `
import { coroutine, IOLoop } from 'gust';
const load = coroutine(function* (id: string) {});
setTimeout((id: string) => IOLoop.current().spawnCallback(load, id), 10, 'a');
`,
            },
          ],
        },
      ],
    },
    {
      name: 'queueMicrotask via globalThis with an arrow returning a coroutine call, namespace import',
      code: `
import * as gust from 'gust';
const refresh = gust.coroutine(function* (_id: number) {});
globalThis.queueMicrotask(() => refresh(1));
`,
      errors: [
        {
          messageId: 'misused',
          data: { api: 'queueMicrotask' },
          line: 4,
          column: 27,
          endColumn: 43,
          suggestions: [
            {
              messageId: 'spawn',
              output: `
import * as gust from 'gust';
const refresh = gust.coroutine(function* (_id: number) {});
globalThis.queueMicrotask(() => gust.IOLoop.current().spawnCallback(() => refresh(1)));
`,
            },
          ],
        },
      ],
    },
    {
      name: 'process.nextTick with an inline coroutine, CommonJS',
      code: `
const { coroutine } = require('gust');
process.nextTick(coroutine(function* () {
  yield 1;
}));
`,
      errors: [
        {
          messageId: 'misused',
          data: { api: 'process.nextTick' },
          line: 3,
          column: 18,
          endLine: 5,
          endColumn: 3,
          suggestions: [
            {
              messageId: 'spawn',
              output: `
const { coroutine, IOLoop } = require('gust');
process.nextTick(() => IOLoop.current().spawnCallback(coroutine(function* () {
  yield 1;
})));
`,
            },
          ],
        },
      ],
    },
    {
      name: 'an event listener: the parameters the coroutine declares are forwarded',
      code: `
import { refreshAll } from './jobs';
import { coroutine } from 'gust';
const onSignal = coroutine(function* (signal: string) { yield refreshAll(signal); });
process.once('SIGHUP', onSignal);
`,
      errors: [
        {
          messageId: 'misused',
          data: { api: 'once' },
          line: 5,
          column: 24,
          endColumn: 32,
          suggestions: [
            {
              messageId: 'spawn',
              output: `
import { refreshAll } from './jobs';
import { coroutine, IOLoop } from 'gust';
const onSignal = coroutine(function* (signal: string) { yield refreshAll(signal); });
process.once('SIGHUP', (signal: string) => IOLoop.current().spawnCallback(onSignal, signal));
`,
            },
          ],
        },
      ],
    },
    {
      name: 'addEventListener with an @coroutine method: the wrapper takes what the method declares and keeps this',
      code: `
import { coroutine } from 'gust';
class Panel {
  @coroutine
  *refresh() {}
  bind(button: EventTarget) {
    button.addEventListener('click', this.refresh);
  }
}
`,
      errors: [
        {
          messageId: 'misused',
          data: { api: 'addEventListener' },
          line: 7,
          column: 38,
          endColumn: 50,
          suggestions: [
            {
              messageId: 'spawn',
              output: `
import { coroutine, IOLoop } from 'gust';
class Panel {
  @coroutine
  *refresh() {}
  bind(button: EventTarget) {
    button.addEventListener('click', () => IOLoop.current().spawnCallback(() => this.refresh()));
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'forEach in a coroutine over a known array: yield map, or spawn each',
      code: `
import { coroutine } from 'gust';
const save = coroutine(function* (item: string) { yield item; });
const saveAll = coroutine(function* (items: string[]) {
  items.forEach(save);
});
`,
      errors: [
        {
          messageId: 'misused',
          data: { api: 'forEach' },
          line: 5,
          column: 17,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'yieldMap',
              data: { receiver: 'items' },
              output: `
import { coroutine } from 'gust';
const save = coroutine(function* (item: string) { yield item; });
const saveAll = coroutine(function* (items: string[]) {
  yield items.map(save);
});
`,
            },
            {
              messageId: 'spawn',
              output: `
import { coroutine, IOLoop } from 'gust';
const save = coroutine(function* (item: string) { yield item; });
const saveAll = coroutine(function* (items: string[]) {
  items.forEach((item: string) => IOLoop.current().spawnCallback(save, item));
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'forEach in an async function: await Promise.all, comments kept',
      code: `
import { coroutine } from 'gust';
const save = coroutine(function* (item: string) { yield item; });
async function saveAll() {
  const items = ['a', 'b'];
  items.forEach(/* one by one */ save);
}
`,
      errors: [
        {
          messageId: 'misused',
          line: 6,
          column: 34,
          endColumn: 38,
          suggestions: [
            {
              messageId: 'awaitAll',
              output: `
import { coroutine } from 'gust';
const save = coroutine(function* (item: string) { yield item; });
async function saveAll() {
  const items = ['a', 'b'];
  await Promise.all(items.map(/* one by one */ save));
}
`,
            },
            {
              messageId: 'spawn',
              output: `
import { coroutine, IOLoop } from 'gust';
const save = coroutine(function* (item: string) { yield item; });
async function saveAll() {
  const items = ['a', 'b'];
  items.forEach(/* one by one */ (item: string) => IOLoop.current().spawnCallback(save, item));
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'forEach in a coroutine without semicolons: yield starts the statement, no semicolon needed',
      code: `
import { coroutine } from 'gust'
const save = coroutine(function* (item: string) { yield item })
const saveAll = coroutine(function* () {
  const items = ['a']
  items.forEach(save)
})
`,
      errors: [
        {
          messageId: 'misused',
          line: 6,
          column: 17,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'yieldMap',
              output: `
import { coroutine } from 'gust'
const save = coroutine(function* (item: string) { yield item })
const saveAll = coroutine(function* () {
  const items = ['a']
  yield items.map(save)
})
`,
            },
            {
              messageId: 'spawn',
              output: `
import { coroutine, IOLoop } from 'gust'
const save = coroutine(function* (item: string) { yield item })
const saveAll = coroutine(function* () {
  const items = ['a']
  items.forEach((item: string) => IOLoop.current().spawnCallback(save, item))
})
`,
            },
          ],
        },
      ],
    },
    {
      name: 'forEach outside a coroutine, over something not known to be an array: spawn only, parenthesised callback',
      code: `
import { coroutine, IOLoop } from 'gust'
const save = coroutine(function* (item: string) { yield item })
const item = 1
lookup().forEach((save))
`,
      errors: [
        {
          messageId: 'misused',
          line: 5,
          column: 19,
          endColumn: 23,
          suggestions: [
            {
              messageId: 'spawn',
              output: `
import { coroutine, IOLoop } from 'gust'
const save = coroutine(function* (item: string) { yield item })
const item = 1
lookup().forEach(((item: string) => IOLoop.current().spawnCallback(save, item)))
`,
            },
          ],
        },
      ],
    },
    {
      name: 'forEach with a method held by an object: the call keeps its object',
      code: `
import { coroutine, IOLoop } from 'gust';
const store = { item: coroutine(function* (_x: string) {}) };
['a'].forEach(store.item);
`,
      errors: [
        {
          messageId: 'misused',
          line: 4,
          column: 15,
          endColumn: 25,
          suggestions: [
            {
              messageId: 'spawn',
              output: `
import { coroutine, IOLoop } from 'gust';
const store = { item: coroutine(function* (_x: string) {}) };
['a'].forEach((item) => IOLoop.current().spawnCallback(() => store.item(item)));
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a listener method whose parameters are unknown: arguments spread, the method bound to its object',
      code: `
import { IOLoop } from 'gust';
import { store } from './store';
emitter.on('data', store.save);
`,
      settings: { gust: { coroutines: ['store.save'] } },
      errors: [
        {
          messageId: 'misused',
          data: { api: 'on' },
          line: 4,
          column: 20,
          endColumn: 30,
          suggestions: [
            {
              messageId: 'spawn',
              output: `
import { IOLoop } from 'gust';
import { store } from './store';
emitter.on('data', (...args) => IOLoop.current().spawnCallback(store.save.bind(store), ...args));
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a coroutine named in settings.gust.coroutines, given to setInterval',
      code: `
import { flush } from './metrics';
setInterval(flush, 5000);
`,
      settings: { gust: { coroutines: ['flush'] } },
      errors: [
        {
          messageId: 'misused',
          data: { api: 'setInterval' },
          line: 3,
          column: 13,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'spawn',
              output: `
import { flush } from './metrics';
import { IOLoop } from 'gust';
setInterval(() => IOLoop.current().spawnCallback(flush), 5000);
`,
            },
          ],
        },
      ],
    },
  ],
});

typedRuleTester.run('no-misused-coroutine (typed)', rule, {
  valid: [
    {
      name: "a user's own Future class is not gust's",
      code: "import { compute } from './own-future';\nsetTimeout(compute, 10);",
    },
    {
      name: 'a synchronous function from another file',
      code: "import { tick } from './jobs';\nqueueMicrotask(tick);",
    },
  ],
  invalid: [
    {
      name: 'a Future-returning method from another file keeps its object',
      code: "import { jobs } from './jobs';\nsetTimeout(jobs.refresh, 10);",
      errors: [
        {
          messageId: 'misused',
          data: { api: 'setTimeout' },
          line: 2,
          column: 12,
          endColumn: 24,
          suggestions: [
            {
              messageId: 'spawn',
              output:
                "import { jobs } from './jobs';\nimport { IOLoop } from 'gust';\nsetTimeout(() => IOLoop.current().spawnCallback(() => jobs.refresh()), 10);",
            },
          ],
        },
      ],
    },
    {
      name: 'forEach over an array known by its type, in a coroutine',
      code: "import { coroutine } from 'gust';\nimport { ids, jobs } from './jobs';\nexport const all = coroutine(function* () {\n  ids.forEach((id) => jobs.refresh(id));\n});",
      errors: [
        {
          messageId: 'misused',
          data: { api: 'forEach' },
          line: 4,
          column: 15,
          endColumn: 39,
          suggestions: [
            {
              messageId: 'yieldMap',
              output:
                "import { coroutine } from 'gust';\nimport { ids, jobs } from './jobs';\nexport const all = coroutine(function* () {\n  yield ids.map((id) => jobs.refresh(id));\n});",
            },
            {
              messageId: 'spawn',
              output:
                "import { coroutine, IOLoop } from 'gust';\nimport { ids, jobs } from './jobs';\nexport const all = coroutine(function* () {\n  ids.forEach((id) => IOLoop.current().spawnCallback((id) => jobs.refresh(id), id));\n});",
            },
          ],
        },
      ],
    },
  ],
});
