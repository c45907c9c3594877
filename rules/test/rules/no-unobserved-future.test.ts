import rule from '../../src/rules/no-unobserved-future';
import { ruleTester, typedRuleTester } from '../rule-tester';

const header = "import { coroutine, sleep, Future } from 'gust';\nconst fetch = coroutine(function* (id: number) { return id; });\n";

ruleTester.run('no-unobserved-future', rule, {
  valid: [
    { name: 'interleaving: started, then yielded later', code: `${header}coroutine(function* () {\n  const pending = fetch(1);\n  work();\n  const user = yield pending;\n});` },
    { name: 'yielded inside an array', code: `${header}coroutine(function* () { const a = fetch(1); const b = fetch(2); yield [a, b]; });` },
    { name: 'awaited', code: `${header}async function main() { const pending = fetch(1); await pending; }` },
    { name: 'returned', code: `${header}function start() { const pending = sleep(10); return pending; }` },
    { name: 'passed on', code: `${header}const pending = sleep(10);\ntrack(pending);` },
    { name: 'caught', code: `${header}const pending = sleep(10);\npending.catch(report);` },
    { name: 'a Future made to be resolved', code: `${header}function make() { const f = new Future<number>(); setTimeout(() => f.setResult(1)); return f; }` },
    { name: 'exported for others to observe', code: `${header}export const ready = sleep(10);` },
    { name: 'not a Future', code: 'const n = compute();' },
    { name: 'assigned later and yielded', code: `${header}coroutine(function* () { let p; p = fetch(1); yield p; });` },
    { name: 'allowed by name', code: `${header}const pending = fetch(1);`, options: [{ allow: ['fetch'] }] },
  ],
  invalid: [
    {
      name: 'stored and forgotten',
      code: `${header}coroutine(function* () {\n  const pending = fetch(1);\n  work();\n});`,
      errors: [{ messageId: 'unobserved', data: { name: 'pending' }, line: 4, column: 9, endColumn: 16 }],
    },
    {
      name: 'only read in a then without a rejection handler',
      code: `${header}const pending = sleep(10);\npending.then(show);`,
      errors: [{ messageId: 'unobserved', line: 3, column: 7, endColumn: 14 }],
    },
    {
      name: 'only voided',
      code: `${header}const pending = sleep(10);\nvoid pending;`,
      errors: [{ messageId: 'unobserved', line: 3, column: 7 }],
    },
    {
      name: 'an array of Futures never yielded',
      code: `${header}coroutine(function* () { const all = [fetch(1), fetch(2)]; });`,
      errors: [{ messageId: 'unobserved', data: { name: 'all' }, line: 3 }],
    },
    {
      name: 'assigned to a declared variable',
      code: `${header}let later;\nlater = sleep(5);`,
      errors: [{ messageId: 'unobserved', data: { name: 'later' }, line: 4, column: 1 }],
    },
  ],
});

typedRuleTester.run('no-unobserved-future (typed)', rule, {
  valid: [
    { name: "a user's own Future class", code: "import { compute } from './own-future';\nconst value = compute();" },
    { name: 'observed later, across files', code: "import { fetchUser } from './lib';\nexport function start() { const pending = fetchUser(1); return pending; }" },
  ],
  invalid: [
    {
      name: 'a coroutine from another file, stored and forgotten',
      code: "import { fetchUser } from './lib';\nfunction start() { const pending = fetchUser(1); }",
      errors: [{ messageId: 'unobserved', data: { name: 'pending' }, line: 2 }],
    },
  ],
});
