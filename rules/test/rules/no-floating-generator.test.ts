import rule from '../../src/rules/no-floating-generator';
import { ruleTester, typedRuleTester } from '../rule-tester';

ruleTester.run('no-floating-generator', rule, {
  valid: [
    { name: 'delegated with yield*', code: 'function* steps() {}\nfunction* main() { yield* steps(); }' },
    { name: 'kept to iterate', code: 'function* steps() {}\nfor (const step of steps()) {}\nconst it = steps();' },
    { name: 'wrapped in coroutine', code: "import { coroutine } from 'gust';\nconst steps = coroutine(function* () {});\nsteps();" },
    { name: 'a decorated coroutine method', code: "import { coroutine } from 'gust';\nclass A { @coroutine *load() {} run() { this.load(); } }" },
    { name: 'an ordinary function', code: 'function steps() {}\nsteps();' },
    { name: 'allowed by name', code: 'function* steps() {}\nsteps();', options: [{ allow: ['steps'] }] },
  ],
  invalid: [
    {
      name: 'a declaration called at the top level: wrap it, adding the import',
      code: "import { sleep } from 'gust';\nfunction* refresh(id: number) { yield sleep(id); }\nrefresh(1);",
      errors: [
        {
          messageId: 'floating',
          line: 3,
          column: 1,
          endColumn: 11,
          suggestions: [
            {
              messageId: 'wrapInCoroutine',
              output: "import { sleep, coroutine } from 'gust';\nconst refresh = coroutine(function* refresh(id: number) { yield sleep(id); });\nrefresh(1);",
            },
          ],
        },
      ],
    },
    {
      name: 'inside a generator: yield* it, or wrap it',
      code: "import * as gust from 'gust';\nconst steps = function* () {};\nfunction* main() {\n  steps();\n}",
      errors: [
        {
          messageId: 'floating',
          line: 4,
          suggestions: [
            { messageId: 'yieldStar', output: "import * as gust from 'gust';\nconst steps = function* () {};\nfunction* main() {\n  yield* steps();\n}" },
            { messageId: 'wrapInCoroutine', output: "import * as gust from 'gust';\nconst steps = gust.coroutine(function* () {});\nfunction* main() {\n  steps();\n}" },
          ],
        },
      ],
    },
    {
      name: 'a class method gains the decorator',
      code: "import { coroutine } from 'gust';\nclass Job {\n  *run() {}\n  start() { this.run(); }\n}",
      errors: [
        {
          messageId: 'floating',
          line: 4,
          suggestions: [
            { messageId: 'wrapInCoroutine', output: "import { coroutine } from 'gust';\nclass Job {\n  @coroutine *run() {}\n  start() { this.run(); }\n}" },
          ],
        },
      ],
    },
    {
      name: 'an object method becomes a coroutine property, with a require added in a CommonJS file',
      code: "const fs = require('fs');\nconst jobs = { *run(n) { return n; } };\njobs.run(1);",
      errors: [
        {
          messageId: 'floating',
          line: 3,
          suggestions: [
            {
              messageId: 'wrapInCoroutine',
              output: "const fs = require('fs');\nconst { coroutine } = require('gust');\nconst jobs = { run: coroutine(function* (n) { return n; }) };\njobs.run(1);",
            },
          ],
        },
      ],
    },
    {
      name: 'void is still thrown away; comments inside stay',
      code: 'function* steps(n: number) {}\nfunction* main() { void steps(/* n */ 1); }\nexport default function* other() {}\nother();',
      errors: [
        {
          messageId: 'floating',
          line: 2,
          suggestions: [
            { messageId: 'yieldStar', output: 'function* steps(n: number) {}\nfunction* main() { yield* steps(/* n */ 1); }\nexport default function* other() {}\nother();' },
            {
              messageId: 'wrapInCoroutine',
              output:
                "import { coroutine } from 'gust';\nconst steps = coroutine(function* steps(n: number) {});\nfunction* main() { void steps(/* n */ 1); }\nexport default function* other() {}\nother();",
            },
          ],
        },
        { messageId: 'floating', line: 4, suggestions: [] },
      ],
    },
    {
      name: 'wrapping keeps the comments inside the definition',
      code: "import { coroutine } from 'gust';\nconst poll = function* (/* ms */ every: number) { /* forever */ };\npoll(5);",
      errors: [
        {
          messageId: 'floating',
          line: 3,
          suggestions: [
            {
              messageId: 'wrapInCoroutine',
              output: "import { coroutine } from 'gust';\nconst poll = coroutine(function* (/* ms */ every: number) { /* forever */ });\npoll(5);",
            },
          ],
        },
      ],
    },
    {
      name: 'a wrapped declaration ends with a semicolon, so a next line opening with a parenthesis stays separate',
      code: 'function* tick() {}\n(tick)();',
      errors: [
        {
          messageId: 'floating',
          line: 2,
          suggestions: [
            { messageId: 'wrapInCoroutine', output: "import { coroutine } from 'gust';\nconst tick = coroutine(function* tick() {});\n(tick)();" },
          ],
        },
      ],
    },
    {
      name: 'parentheses and a leading semicolon for yield*',
      code: 'function* steps() {}\nfunction* main() {\n  let ok = true\n  steps() || ok\n}',
      errors: [
        {
          messageId: 'floating',
          line: 4,
          suggestions: [
            { messageId: 'yieldStar', output: 'function* steps() {}\nfunction* main() {\n  let ok = true\n  ;(yield* steps()) || ok\n}' },
            {
              messageId: 'wrapInCoroutine',
              output: "import { coroutine } from 'gust';\nconst steps = coroutine(function* steps() {});\nfunction* main() {\n  let ok = true\n  steps() || ok\n}",
            },
          ],
        },
      ],
    },
  ],
});

typedRuleTester.run('no-floating-generator (typed)', rule, {
  valid: [
    { name: 'a decorated coroutine method from another file', code: "import { Repository } from './lib';\nnew Repository().load(1);" },
    { name: 'a coroutine from another file', code: "import { fetchUser } from './lib';\nfetchUser(1);" },
  ],
  invalid: [
    {
      name: 'a generator typed as one, from anywhere',
      code: 'declare function steps(): Generator<number>;\nfunction* main() { steps(); }',
      errors: [
        {
          messageId: 'floating',
          suggestions: [{ messageId: 'yieldStar', output: 'declare function steps(): Generator<number>;\nfunction* main() { yield* steps(); }' }],
        },
      ],
    },
  ],
});
