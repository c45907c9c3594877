import rule from '../../src/rules/no-unyielded-coroutine';
import { fixture, ruleTester, typedRuleTester } from '../rule-tester';

const imports = "import { coroutine } from 'gust';\nconst fetch = coroutine(function* (id: number) { return id; });\n";

ruleTester.run('no-unyielded-coroutine', rule, {
  valid: [
    { name: 'yielded in a coroutine', code: `${imports}coroutine(function* () { yield fetch(1); });` },
    { name: 'yielded in an array', code: `${imports}coroutine(function* () { yield [fetch(1), fetch(2)]; });` },
    { name: 'awaited', code: `${imports}async function main() { await fetch(1); }` },
    { name: 'returned', code: `${imports}function load() { return fetch(1); }` },
    { name: 'an arrow body', code: `${imports}const load = () => fetch(1);` },
    { name: 'stored for later', code: `${imports}coroutine(function* () { const pending = fetch(1); yield pending; });` },
    { name: 'passed on', code: `${imports}track(fetch(1));` },
    { name: 'caught', code: `${imports}fetch(1).catch(report);` },
    { name: 'then with a rejection handler', code: `${imports}fetch(1).then(show, report);` },
    { name: 'void when allowed', code: `${imports}void fetch(1);`, options: [{ allowVoid: true }] },
    { name: 'a plain name in allow', code: `${imports}fetch(1);`, options: [{ allow: ['fetch'] }] },
    {
      name: 'a package specifier in allow',
      code: "import { sleep } from 'gust';\nsleep(10);",
      options: [{ allow: [{ from: 'package', name: 'sleep', package: 'gust' }] }],
    },
    { name: 'a file specifier in allow', code: `${imports}fetch(1);`, options: [{ allow: [{ from: 'file', name: 'fetch' }] }] },
    { name: 'handed to the loop', code: `${imports}import { IOLoop } from 'gust';\nIOLoop.current().spawnCallback(fetch, 1);` },
    { name: 'a function of the same name from elsewhere', code: "import { sleep } from 'node:timers/promises';\nsleep(10);" },
    { name: 'a plain generator is no-floating-generator’s business', code: 'function* g() {}\ng();' },
  ],
  invalid: [
    {
      name: 'inside a coroutine: yield, or spawnCallback with the import added to the named import',
      code: `${imports}coroutine(function* () {\n  fetch(1);\n});`,
      errors: [
        {
          messageId: 'discarded',
          line: 4,
          column: 3,
          endColumn: 11,
          suggestions: [
            { messageId: 'yield', output: `${imports}coroutine(function* () {\n  yield fetch(1);\n});` },
            {
              messageId: 'spawnCallback',
              output:
                "import { coroutine, IOLoop } from 'gust';\nconst fetch = coroutine(function* (id: number) { return id; });\ncoroutine(function* () {\n  IOLoop.current().spawnCallback(fetch, 1);\n});",
            },
          ],
        },
      ],
    },
    {
      name: 'inside an async function: await',
      code: `${imports}async function main() {\n  fetch(1);\n}`,
      errors: [
        {
          messageId: 'discarded',
          line: 4,
          suggestions: [
            { messageId: 'await', output: `${imports}async function main() {\n  await fetch(1);\n}` },
            {
              messageId: 'spawnCallback',
              output:
                "import { coroutine, IOLoop } from 'gust';\nconst fetch = coroutine(function* (id: number) { return id; });\nasync function main() {\n  IOLoop.current().spawnCallback(fetch, 1);\n}",
            },
          ],
        },
      ],
    },
    {
      name: 'at the top level of a script: spawnCallback or runSync',
      code: `${imports}fetch(1);`,
      errors: [
        {
          messageId: 'discarded',
          line: 3,
          column: 1,
          endColumn: 9,
          suggestions: [
            {
              messageId: 'spawnCallback',
              output: "import { coroutine, IOLoop } from 'gust';\nconst fetch = coroutine(function* (id: number) { return id; });\nIOLoop.current().spawnCallback(fetch, 1);",
            },
            {
              messageId: 'runSync',
              output: "import { coroutine, IOLoop } from 'gust';\nconst fetch = coroutine(function* (id: number) { return id; });\nIOLoop.current().runSync(() => fetch(1));",
            },
          ],
        },
      ],
    },
    {
      name: 'a namespace import is reused',
      code: "import * as gust from 'gust';\ngust.sleep(5);",
      errors: [
        {
          messageId: 'discarded',
          suggestions: [
            { messageId: 'spawnCallback', output: "import * as gust from 'gust';\ngust.IOLoop.current().spawnCallback(() => gust.sleep(5));" },
            { messageId: 'runSync', output: "import * as gust from 'gust';\ngust.IOLoop.current().runSync(() => gust.sleep(5));" },
          ],
        },
      ],
    },
    {
      name: 'an existing IOLoop import is reused, even renamed',
      code: "import { sleep, IOLoop as Loop } from 'gust';\nfunction later() { sleep(5); }",
      errors: [
        {
          messageId: 'discarded',
          suggestions: [
            { messageId: 'spawnCallback', output: "import { sleep, IOLoop as Loop } from 'gust';\nfunction later() { Loop.current().spawnCallback(sleep, 5); }" },
          ],
        },
      ],
    },
    {
      name: 'CommonJS destructuring gains IOLoop',
      code: "const { sleep } = require('gust');\nfunction later() { sleep(5); }",
      errors: [
        {
          messageId: 'discarded',
          suggestions: [
            {
              messageId: 'spawnCallback',
              output: "const { sleep, IOLoop } = require('gust');\nfunction later() { IOLoop.current().spawnCallback(sleep, 5); }",
            },
          ],
        },
      ],
    },
    {
      name: 'a required module object is reused',
      code: "const g = require('gust');\nfunction later() { g.sleep(5); }",
      errors: [
        {
          messageId: 'discarded',
          suggestions: [
            { messageId: 'spawnCallback', output: "const g = require('gust');\nfunction later() { g.IOLoop.current().spawnCallback(() => g.sleep(5)); }" },
          ],
        },
      ],
    },
    {
      name: 'a new ESM import after the last import when the runtime is not imported',
      code: "import { db } from './db';\nfunction later() { fetchUser(1); }",
      settings: { gust: { coroutines: ['fetchUser'] } },
      errors: [
        {
          messageId: 'discarded',
          suggestions: [
            {
              messageId: 'spawnCallback',
              output: "import { db } from './db';\nimport { IOLoop } from 'gust';\nfunction later() { IOLoop.current().spawnCallback(fetchUser, 1); }",
            },
          ],
        },
      ],
    },
    {
      name: 'a new require in a CommonJS file, in its quote and semicolon style',
      code: 'const db = require("./db")\nfunction later() { fetchUser(1) }',
      settings: { gust: { coroutines: ['fetchUser'] } },
      errors: [
        {
          messageId: 'discarded',
          suggestions: [
            {
              messageId: 'spawnCallback',
              output: 'const db = require("./db")\nconst { IOLoop } = require("gust")\nfunction later() { IOLoop.current().spawnCallback(fetchUser, 1) }',
            },
          ],
        },
      ],
    },
    {
      name: 'a file with no imports gets one above its first statement, after directives',
      code: "'use strict';\nfunction later() { fetchUser(1); }",
      filename: 'script.cjs',
      settings: { gust: { coroutines: ['fetchUser'] } },
      errors: [
        {
          messageId: 'discarded',
          suggestions: [
            {
              messageId: 'spawnCallback',
              output: "'use strict';\nconst { IOLoop } = require('gust');\nfunction later() { IOLoop.current().spawnCallback(fetchUser, 1); }",
            },
          ],
        },
      ],
    },
    {
      name: 'a local IOLoop that is not the runtime’s makes the import an alias',
      code: "import { sleep } from 'gust';\nconst IOLoop = 1;\nfunction later() { sleep(5); }",
      errors: [
        {
          messageId: 'discarded',
          suggestions: [
            {
              messageId: 'spawnCallback',
              output: "import { sleep, IOLoop as GustIOLoop } from 'gust';\nconst IOLoop = 1;\nfunction later() { GustIOLoop.current().spawnCallback(sleep, 5); }",
            },
          ],
        },
      ],
    },
    {
      name: 'a method call keeps its this',
      code: "import { coroutine, IOLoop } from 'gust';\nclass Api {\n  @coroutine *load(id: number) { return id; }\n  refresh(id: number) { this.load(id); }\n}",
      errors: [
        {
          messageId: 'discarded',
          line: 4,
          suggestions: [
            {
              messageId: 'spawnCallback',
              output: "import { coroutine, IOLoop } from 'gust';\nclass Api {\n  @coroutine *load(id: number) { return id; }\n  refresh(id: number) { IOLoop.current().spawnCallback(() => this.load(id)); }\n}",
            },
          ],
        },
      ],
    },
    {
      name: 'an optional call is repaired as a whole',
      code: "import { coroutine, IOLoop } from 'gust';\nconst api = { load: coroutine(function* () {}) };\nfunction later() { api?.load(); }",
      errors: [
        {
          messageId: 'discarded',
          suggestions: [
            {
              messageId: 'spawnCallback',
              output: "import { coroutine, IOLoop } from 'gust';\nconst api = { load: coroutine(function* () {}) };\nfunction later() { IOLoop.current().spawnCallback(() => api?.load()); }",
            },
          ],
        },
      ],
    },
    {
      name: 'parentheses where yield would bind wrongly',
      code: `${imports}import { IOLoop } from 'gust';\ncoroutine(function* () {\n  ready || fetch(1);\n});`,
      errors: [
        {
          messageId: 'discarded',
          line: 5,
          suggestions: [
            { messageId: 'yield', output: `${imports}import { IOLoop } from 'gust';\ncoroutine(function* () {\n  ready || (yield fetch(1));\n});` },
            { messageId: 'spawnCallback', output: `${imports}import { IOLoop } from 'gust';\ncoroutine(function* () {\n  ready || IOLoop.current().spawnCallback(fetch, 1);\n});` },
          ],
        },
      ],
    },
    {
      name: 'a leading semicolon when the statement would start with a parenthesis',
      code: `${imports}import { IOLoop } from 'gust';\ncoroutine(function* () {\n  let ready = true\n  fetch(1) || ready\n});`,
      errors: [
        {
          messageId: 'discarded',
          line: 6,
          suggestions: [
            {
              messageId: 'yield',
              output: `${imports}import { IOLoop } from 'gust';\ncoroutine(function* () {\n  let ready = true\n  ;(yield fetch(1)) || ready\n});`,
            },
            {
              messageId: 'spawnCallback',
              output: `${imports}import { IOLoop } from 'gust';\ncoroutine(function* () {\n  let ready = true\n  IOLoop.current().spawnCallback(fetch, 1) || ready\n});`,
            },
          ],
        },
      ],
    },
    {
      name: 'comments inside the call are kept',
      code: `${imports}import { IOLoop } from 'gust';\ncoroutine(function* () {\n  fetch(/* the admin */ 1);\n});`,
      errors: [
        {
          messageId: 'discarded',
          suggestions: [
            { messageId: 'yield', output: `${imports}import { IOLoop } from 'gust';\ncoroutine(function* () {\n  yield fetch(/* the admin */ 1);\n});` },
            {
              messageId: 'spawnCallback',
              output: `${imports}import { IOLoop } from 'gust';\ncoroutine(function* () {\n  IOLoop.current().spawnCallback(fetch, /* the admin */ 1);\n});`,
            },
          ],
        },
      ],
    },
    {
      name: 'void is still a lost error',
      code: `${imports}import { IOLoop } from 'gust';\nasync function main() { void fetch(1); }`,
      errors: [
        {
          messageId: 'voided',
          suggestions: [
            { messageId: 'await', output: `${imports}import { IOLoop } from 'gust';\nasync function main() { await fetch(1); }` },
            { messageId: 'spawnCallback', output: `${imports}import { IOLoop } from 'gust';\nasync function main() { IOLoop.current().spawnCallback(fetch, 1); }` },
          ],
        },
      ],
    },
    {
      name: 'then without a rejection handler: the chain is repaired',
      code: `${imports}import { IOLoop } from 'gust';\ncoroutine(function* () { fetch(1).then(show); });`,
      errors: [
        {
          messageId: 'thenWithoutRejection',
          suggestions: [
            { messageId: 'yield', output: `${imports}import { IOLoop } from 'gust';\ncoroutine(function* () { yield fetch(1).then(show); });` },
            {
              messageId: 'spawnCallback',
              output: `${imports}import { IOLoop } from 'gust';\ncoroutine(function* () { IOLoop.current().spawnCallback(() => fetch(1).then(show)); });`,
            },
          ],
        },
      ],
    },
    {
      name: 'both branches of a conditional',
      code: `${imports}coroutine(function* () { ready ? fetch(1) : fetch(2); });`,
      errors: [
        {
          messageId: 'discarded',
          column: 34,
          suggestions: [
            { messageId: 'yield', output: `${imports}coroutine(function* () { ready ? yield fetch(1) : fetch(2); });` },
            {
              messageId: 'spawnCallback',
              output:
                "import { coroutine, IOLoop } from 'gust';\nconst fetch = coroutine(function* (id: number) { return id; });\ncoroutine(function* () { ready ? IOLoop.current().spawnCallback(fetch, 1) : fetch(2); });",
            },
          ],
        },
        {
          messageId: 'discarded',
          column: 45,
          suggestions: [
            { messageId: 'yield', output: `${imports}coroutine(function* () { ready ? fetch(1) : yield fetch(2); });` },
            {
              messageId: 'spawnCallback',
              output:
                "import { coroutine, IOLoop } from 'gust';\nconst fetch = coroutine(function* (id: number) { return id; });\ncoroutine(function* () { ready ? fetch(1) : IOLoop.current().spawnCallback(fetch, 2); });",
            },
          ],
        },
      ],
    },
    {
      name: 'autofix: spawnCallback applied by --fix',
      code: `${imports}function later() { fetch(1); }`,
      options: [{ autofix: 'spawnCallback' }],
      output: "import { coroutine, IOLoop } from 'gust';\nconst fetch = coroutine(function* (id: number) { return id; });\nfunction later() { IOLoop.current().spawnCallback(fetch, 1); }",
      errors: [
        {
          messageId: 'discarded',
          suggestions: [
            {
              messageId: 'spawnCallback',
              output: "import { coroutine, IOLoop } from 'gust';\nconst fetch = coroutine(function* (id: number) { return id; });\nfunction later() { IOLoop.current().spawnCallback(fetch, 1); }",
            },
          ],
        },
      ],
    },
    {
      name: 'autofix: yield applies only where yield fits',
      code: `${imports}coroutine(function* () { fetch(1); });\nfunction later() { fetch(2); }`,
      options: [{ autofix: 'yield' }],
      output: `${imports}coroutine(function* () { yield fetch(1); });\nfunction later() { fetch(2); }`,
      errors: [
        {
          messageId: 'discarded',
          line: 3,
          suggestions: [
            { messageId: 'yield', output: `${imports}coroutine(function* () { yield fetch(1); });\nfunction later() { fetch(2); }` },
            {
              messageId: 'spawnCallback',
              output:
                "import { coroutine, IOLoop } from 'gust';\nconst fetch = coroutine(function* (id: number) { return id; });\ncoroutine(function* () { IOLoop.current().spawnCallback(fetch, 1); });\nfunction later() { fetch(2); }",
            },
          ],
        },
        {
          messageId: 'discarded',
          line: 4,
          suggestions: [
            {
              messageId: 'spawnCallback',
              output:
                "import { coroutine, IOLoop } from 'gust';\nconst fetch = coroutine(function* (id: number) { return id; });\ncoroutine(function* () { fetch(1); });\nfunction later() { IOLoop.current().spawnCallback(fetch, 2); }",
            },
          ],
        },
      ],
    },
    {
      name: 'an await inside a method call cannot move into an arrow: only await is offered',
      code: "import { coroutine, IOLoop } from 'gust';\nconst api = { load: coroutine(function* (n: number) {}) };\nasync function later() { api.load(await size()); }",
      errors: [
        {
          messageId: 'discarded',
          suggestions: [
            {
              messageId: 'await',
              output: "import { coroutine, IOLoop } from 'gust';\nconst api = { load: coroutine(function* (n: number) {}) };\nasync function later() { await api.load(await size()); }",
            },
          ],
        },
      ],
    },
    {
      name: 'a yield inside a plain call keeps spawnCallback (its arguments are evaluated at once)',
      code: `${imports}import { IOLoop } from 'gust';\ncoroutine(function* () { fetch(yield size()); });`,
      errors: [
        {
          messageId: 'discarded',
          suggestions: [
            { messageId: 'yield', output: `${imports}import { IOLoop } from 'gust';\ncoroutine(function* () { yield fetch(yield size()); });` },
            { messageId: 'spawnCallback', output: `${imports}import { IOLoop } from 'gust';\ncoroutine(function* () { IOLoop.current().spawnCallback(fetch, yield size()); });` },
          ],
        },
      ],
    },
    {
      name: 'a plain generator gets yield too',
      code: "import { sleep, IOLoop } from 'gust';\nfunction* steps() { sleep(1); }",
      errors: [
        {
          messageId: 'discarded',
          suggestions: [
            { messageId: 'yield', output: "import { sleep, IOLoop } from 'gust';\nfunction* steps() { yield sleep(1); }" },
            { messageId: 'spawnCallback', output: "import { sleep, IOLoop } from 'gust';\nfunction* steps() { IOLoop.current().spawnCallback(sleep, 1); }" },
          ],
        },
      ],
    },
  ],
});

typedRuleTester.run('no-unyielded-coroutine (typed)', rule, {
  valid: [
    { name: "a user's own Future class", code: "import { compute } from './own-future';\ncompute();" },
    { name: 'a Promise is no-floating-promises’ business', code: 'async function load() {}\nload();' },
    { name: 'yielded across files', code: "import { coroutine } from 'gust';\nimport { fetchUser } from './lib';\ncoroutine(function* () { yield fetchUser(1); });" },
    {
      name: 'allow: a package specifier matched by where the type checker finds the declaration',
      code: "import { sleep } from 'gust';\nsleep(1);",
      options: [{ allow: [{ from: 'package', package: 'gust', name: 'sleep' }] }],
    },
    {
      name: 'allow: a file specifier covers a function imported from a project file (types know where it is declared)',
      code: "import { fetchUser } from './lib';\nfetchUser(1);",
      options: [{ allow: [{ from: 'file', name: 'fetchUser' }] }],
    },
    {
      name: 'allow: a file specifier with the path of the declaring file',
      code: "import { fetchUser } from './lib';\nfetchUser(1);",
      options: [{ allow: [{ from: 'file', name: ['other', 'fetchUser'], path: fixture('lib.ts') }] }],
    },
  ],
  invalid: [
    {
      name: 'allow: a file specifier naming another file does not cover it',
      code: "import { fetchUser } from './lib';\nfetchUser(1);",
      options: [{ allow: [{ from: 'file', name: 'fetchUser', path: fixture('jobs.ts') }] }],
      errors: [
        {
          messageId: 'discarded',
          line: 2,
          suggestions: [
            {
              messageId: 'spawnCallback',
              output: "import { fetchUser } from './lib';\nimport { IOLoop } from 'gust';\nIOLoop.current().spawnCallback(fetchUser, 1);",
            },
            {
              messageId: 'runSync',
              output: "import { fetchUser } from './lib';\nimport { IOLoop } from 'gust';\nIOLoop.current().runSync(() => fetchUser(1));",
            },
          ],
        },
      ],
    },
    {
      name: 'allow: a package specifier does not cover a project file',
      code: "import { fetchUser } from './lib';\nfetchUser(1);",
      options: [{ allow: [{ from: 'package', name: 'fetchUser', package: 'gust' }] }],
      errors: [
        {
          messageId: 'discarded',
          line: 2,
          suggestions: [
            {
              messageId: 'spawnCallback',
              output: "import { fetchUser } from './lib';\nimport { IOLoop } from 'gust';\nIOLoop.current().spawnCallback(fetchUser, 1);",
            },
            {
              messageId: 'runSync',
              output: "import { fetchUser } from './lib';\nimport { IOLoop } from 'gust';\nIOLoop.current().runSync(() => fetchUser(1));",
            },
          ],
        },
      ],
    },
    {
      name: 'allow: a lib specifier covers only the default library',
      code: "import { fetchUser } from './lib';\nfetchUser(1);",
      options: [{ allow: [{ from: 'lib', name: 'fetchUser' }] }],
      errors: [
        {
          messageId: 'discarded',
          line: 2,
          suggestions: [
            {
              messageId: 'spawnCallback',
              output: "import { fetchUser } from './lib';\nimport { IOLoop } from 'gust';\nIOLoop.current().spawnCallback(fetchUser, 1);",
            },
            {
              messageId: 'runSync',
              output: "import { fetchUser } from './lib';\nimport { IOLoop } from 'gust';\nIOLoop.current().runSync(() => fetchUser(1));",
            },
          ],
        },
      ],
    },
    {
      name: 'a coroutine from another file, found by its type',
      code: "import { fetchUser } from './lib';\nfetchUser(1);",
      errors: [
        {
          messageId: 'discarded',
          line: 2,
          suggestions: [
            {
              messageId: 'spawnCallback',
              output: "import { fetchUser } from './lib';\nimport { IOLoop } from 'gust';\nIOLoop.current().spawnCallback(fetchUser, 1);",
            },
            {
              messageId: 'runSync',
              output: "import { fetchUser } from './lib';\nimport { IOLoop } from 'gust';\nIOLoop.current().runSync(() => fetchUser(1));",
            },
          ],
        },
      ],
    },
    {
      name: 'an optional chain whose type is Future | undefined, in an async function',
      code: "import { Repository } from './lib';\nasync function refresh(repo?: Repository) {\n  repo?.maybe();\n}",
      errors: [
        {
          messageId: 'discarded',
          line: 3,
          suggestions: [
            { messageId: 'await', output: "import { Repository } from './lib';\nasync function refresh(repo?: Repository) {\n  await repo?.maybe();\n}" },
            {
              messageId: 'spawnCallback',
              output:
                "import { Repository } from './lib';\nimport { IOLoop } from 'gust';\nasync function refresh(repo?: Repository) {\n  IOLoop.current().spawnCallback(() => repo?.maybe());\n}",
            },
          ],
        },
      ],
    },
  ],
});
