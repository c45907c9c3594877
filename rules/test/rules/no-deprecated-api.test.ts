import rule from '../../src/rules/no-deprecated-api';
import { ruleTester } from '../rule-tester';

ruleTester.run('no-deprecated-api', rule, {
  valid: [
    { name: 'IOLoop.current()', code: "import { IOLoop } from 'gust';\nIOLoop.current();" },
    { name: 'another library’s instance()', code: "import { IOLoop } from 'other';\nIOLoop.instance();" },
    { name: 'task with another function', code: "import { task } from 'gust';\ntask(fs.readFile, 'a');" },
    { name: 'sleep', code: "import { sleep } from 'gust';\nsleep(500);" },
  ],
  invalid: [
    {
      name: 'IOLoop.instance() is fixed to current()',
      code: "import { IOLoop } from 'gust';\nconst loop = IOLoop.instance();",
      output: "import { IOLoop } from 'gust';\nconst loop = IOLoop.current();",
      errors: [{ messageId: 'instance', line: 2, column: 21, endColumn: 29 }],
    },
    {
      name: 'through a namespace, parenthesised, with a comment inside',
      code: "import * as gust from 'gust';\nconst loop = (gust.IOLoop)./* old */instance();",
      output: "import * as gust from 'gust';\nconst loop = (gust.IOLoop)./* old */current();",
      errors: [{ messageId: 'instance' }],
    },
    {
      name: 'a computed access keeps its quotes',
      code: "const { IOLoop } = require('gust');\nIOLoop[\"instance\"]();",
      output: "const { IOLoop } = require('gust');\nIOLoop[\"current\"]();",
      errors: [{ messageId: 'instance' }],
    },
    {
      name: 'a statement that starts with a parenthesis needs no semicolon from a token fix',
      code: "import { IOLoop } from 'gust'\nlet x = 1\n;(IOLoop).instance().start()",
      output: "import { IOLoop } from 'gust'\nlet x = 1\n;(IOLoop).current().start()",
      errors: [{ messageId: 'instance' }],
    },
    {
      name: 'task(loop.addTimeout, loop.time() + ms): suggest sleep(ms)',
      code: "import { coroutine, IOLoop, task } from 'gust';\ncoroutine(function* () {\n  const loop = IOLoop.current();\n  yield task(loop.addTimeout, loop.time() + 500);\n});",
      errors: [
        {
          messageId: 'taskTimeout',
          data: { method: 'addTimeout' },
          line: 4,
          column: 9,
          suggestions: [
            {
              messageId: 'useSleep',
              data: { delay: '500' },
              output: "import { coroutine, IOLoop, task, sleep } from 'gust';\ncoroutine(function* () {\n  const loop = IOLoop.current();\n  yield sleep(500);\n});",
            },
          ],
        },
      ],
    },
    {
      name: 'an absolute deadline becomes a difference; comments inside the call stay',
      code: "import * as gust from 'gust';\ngust.coroutine(function* () {\n  yield gust.task(/* legacy */ gust.IOLoop.current().addTimeout, deadline);\n});",
      errors: [
        {
          messageId: 'taskTimeout',
          suggestions: [
            {
              messageId: 'useSleep',
              data: { delay: 'deadline - gust.IOLoop.current().time()' },
              output: "import * as gust from 'gust';\ngust.coroutine(function* () {\n  yield gust.sleep(/* legacy */ deadline - gust.IOLoop.current().time());\n});",
            },
          ],
        },
      ],
    },
    {
      name: 'callLater with a conditional delay, and IOLoop.instance() inside',
      code: "import { IOLoop, task } from 'gust';\nfunction* wait() { yield task(IOLoop.instance().callLater, fast ? 10 : 100); }",
      output: "import { IOLoop, task } from 'gust';\nfunction* wait() { yield task(IOLoop.current().callLater, fast ? 10 : 100); }",
      errors: [
        {
          messageId: 'taskTimeout',
          suggestions: [
            {
              messageId: 'useSleep',
              data: { delay: 'fast ? 10 : 100' },
              output: "import { IOLoop, task, sleep } from 'gust';\nfunction* wait() { yield sleep(fast ? 10 : 100); }",
            },
          ],
        },
        { messageId: 'instance' },
      ],
    },
    {
      name: 'a deadline that needs parentheses in the difference',
      code: "import { IOLoop, task } from 'gust';\nconst loop = IOLoop.current();\nfunction* wait() { yield task(loop.addTimeout, late ? a : b); }",
      errors: [
        {
          messageId: 'taskTimeout',
          suggestions: [
            {
              messageId: 'useSleep',
              data: { delay: '(late ? a : b) - loop.time()' },
              output: "import { IOLoop, task, sleep } from 'gust';\nconst loop = IOLoop.current();\nfunction* wait() { yield sleep((late ? a : b) - loop.time()); }",
            },
          ],
        },
      ],
    },
  ],
});
