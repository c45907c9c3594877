import { rule } from '../../src/rules/prefer-parallel-yield';
import { ruleTester, typedRuleTester } from '../rule-tester';

ruleTester.run('prefer-parallel-yield', rule, {
  valid: [
    {
      name: 'the second call uses the first one\'s result',
      code: `
import { coroutine } from 'gust';
const loadTeam = coroutine(function* (id: string) {
  const user = yield fetchUser(id);
  const team = yield fetchTeam(user.teamId);
  return team;
});
`,
    },
    {
      name: 'already yielded together',
      code: `
import { coroutine } from 'gust';
const loadPage = coroutine(function* (id: string) {
  const [user, posts] = yield [fetchUser(id), fetchPosts(id)];
  return [user, posts];
});
`,
    },
    {
      name: 'a sleep between calls is meant to be sequential',
      code: `
import { coroutine, sleep } from 'gust';
const retry = coroutine(function* () {
  yield sleep(100);
  yield ping();
});
`,
    },
    {
      name: 'lock acquisition orders what follows',
      code: `
import { coroutine } from 'gust';
const guarded = coroutine(function* () {
  yield lock.acquire();
  yield write();
});
`,
    },
    {
      name: 'Futures started earlier are already running in parallel',
      code: `
import { coroutine } from 'gust';
const interleave = coroutine(function* () {
  const a = fetchA();
  const b = fetchB();
  yield a;
  yield b;
});
`,
    },
    {
      name: 'a plain generator is not a coroutine',
      code: `
function* numbers() {
  yield one();
  yield two();
}
`,
    },
    {
      name: 'the second assignment target is the first one',
      code: `
import { coroutine } from 'gust';
const twice = coroutine(function* () {
  let value;
  value = yield fetchA();
  value = yield fetchB();
  return value;
});
`,
    },
    {
      name: 'a member written by the first yield is read by the second',
      code: `
import { coroutine } from 'gust';
class Session {
  user: unknown;
  @coroutine
  *open() {
    this.user = yield login();
    yield audit(this.user);
  }
}
`,
    },
    {
      name: 'const and let do not merge',
      code: `
import { coroutine } from 'gust';
const mixed = coroutine(function* () {
  const a = yield fetchA();
  let b = yield fetchB();
  return [a, b];
});
`,
    },
    {
      name: 'a loop whose iterations depend on each other',
      code: `
import { coroutine } from 'gust';
const drain = coroutine(function* (pages: string[]) {
  let token = '';
  for (const page of pages) {
    token = yield fetchPage(page, token);
  }
});
`,
    },
    {
      name: 'a loop pushing into a list chosen by the item',
      code: `
import { coroutine } from 'gust';
const sortAll = coroutine(function* (ids: number[], lists: number[][]) {
  for (const id of ids) {
    lists[id].push(yield fetchUser(id));
  }
});
`,
    },
    {
      name: 'a loop body that does more than yield one call',
      code: `
import { coroutine } from 'gust';
const copy = coroutine(function* (items: string[]) {
  for (const item of items) {
    yield save(item);
    log(item);
  }
});
`,
    },
    {
      name: 'allowed calls stay sequential',
      code: `
import { coroutine } from 'gust';
const migrate = coroutine(function* () {
  yield db.insert(row);
  yield db.select();
});
`,
      options: [{ allow: ['insert'] }],
    },
  ],
  invalid: [
    {
      name: 'two independent declarations',
      code: `
import { coroutine } from 'gust';
const loadPage = coroutine(function* (id: string) {
  const user = yield fetchUser(id);
  const posts = yield fetchPosts(id);
  return render(user, posts);
});
`,
      errors: [
        {
          messageId: 'sequential',
          line: 5,
          column: 17,
          endColumn: 37,
          suggestions: [
            {
              messageId: 'yieldTogether',
              output: `
import { coroutine } from 'gust';
const loadPage = coroutine(function* (id: string) {
  const [user, posts] = yield [fetchUser(id), fetchPosts(id)];
  return render(user, posts);
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'plain yields and a declaration: holes in the pattern, comments kept above',
      code: `
import { coroutine } from 'gust';
const warm = coroutine(function* () {
  yield warmA(); // first
  const b = yield loadB();
  /* last */ yield warmC();
  return b;
});
`,
      errors: [
        {
          messageId: 'sequential',
          line: 5,
          column: 13,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'yieldTogether',
              output: `
import { coroutine } from 'gust';
const warm = coroutine(function* () {
  // first
  /* last */
  const [, b] = yield [warmA(), loadB(), warmC()];
  return b;
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'type annotations move to a tuple type',
      code: `
import { coroutine } from 'gust';
const load = coroutine(function* () {
  const user: User = yield fetchUser();
  const count = yield countPosts();
  return [user, count];
});
`,
      errors: [
        {
          messageId: 'sequential',
          line: 5,
          column: 17,
          endColumn: 35,
          suggestions: [
            {
              messageId: 'yieldTogether',
              output: `
import { coroutine } from 'gust';
const load = coroutine(function* () {
  const [user, count]: [User, any] = yield [fetchUser(), countPosts()];
  return [user, count];
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'assignments get a leading semicolon after a line without one',
      code: `
import { coroutine } from 'gust'
const refresh = coroutine(function* () {
  let a, b
  a = yield fetchA()
  b = yield fetchB()
  return [a, b]
})
`,
      errors: [
        {
          messageId: 'sequential',
          line: 6,
          column: 7,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'yieldTogether',
              output: `
import { coroutine } from 'gust'
const refresh = coroutine(function* () {
  let a, b
  ;[a, b] = yield [fetchA(), fetchB()];
  return [a, b]
})
`,
            },
          ],
        },
      ],
    },
    {
      name: 'parenthesised calls and calls with comments inside are copied whole',
      code: `
import { coroutine } from 'gust';
const both = coroutine(function* () {
  yield (fetchA());
  yield fetchB(/* fast */ 1);
});
`,
      errors: [
        {
          messageId: 'sequential',
          line: 5,
          column: 3,
          endColumn: 29,
          suggestions: [
            {
              messageId: 'yieldTogether',
              output: `
import { coroutine } from 'gust';
const both = coroutine(function* () {
  yield [fetchA(), fetchB(/* fast */ 1)];
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a dependent step ends one group and starts the next',
      code: `
import { coroutine } from 'gust';
const chain = coroutine(function* () {
  const a = yield fetchA();
  const b = yield fetchB(a);
  const c = yield fetchC();
  return [b, c];
});
`,
      errors: [
        {
          messageId: 'sequential',
          line: 6,
          column: 13,
          endColumn: 27,
          suggestions: [
            {
              messageId: 'yieldTogether',
              output: `
import { coroutine } from 'gust';
const chain = coroutine(function* () {
  const a = yield fetchA();
  const [b, c] = yield [fetchB(a), fetchC()];
  return [b, c];
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a for-of loop over a known array',
      code: `
import { coroutine } from 'gust';
const warmAll = coroutine(function* (urls: string[]) {
  for (const url of urls) {
    yield warm(url);
  }
});
`,
      errors: [
        {
          messageId: 'sequentialLoop',
          line: 5,
          column: 5,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'yieldAllIterations',
              output: `
import { coroutine } from 'gust';
const warmAll = coroutine(function* (urls: string[]) {
  yield urls.map((url) => warm(url));
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a for-of loop collecting results with push',
      code: `
import { coroutine } from 'gust';
const loadAll = coroutine(function* (ids: number[]) {
  const users = [];
  for (const id of ids) {
    users.push(yield fetchUser(id));
  }
  return users;
});
`,
      errors: [
        {
          messageId: 'sequentialLoop',
          line: 6,
          column: 16,
          endColumn: 35,
          suggestions: [
            {
              messageId: 'yieldAllIterations',
              output: `
import { coroutine } from 'gust';
const loadAll = coroutine(function* (ids: number[]) {
  const users = [];
  users.push(...(yield ids.map((id) => fetchUser(id))));
  return users;
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a for-of loop over an unknown iterable with a destructuring pattern, comment kept',
      code: `
import { coroutine } from 'gust';
const saveAll = coroutine(function* (entries: Map<string, number>) {
  // save every entry
  for (const [key, value] of entries) yield save(key, /* raw */ value);
});
`,
      errors: [
        {
          messageId: 'sequentialLoop',
          line: 5,
          column: 39,
          endColumn: 71,
          suggestions: [
            {
              messageId: 'yieldAllIterations',
              output: `
import { coroutine } from 'gust';
const saveAll = coroutine(function* (entries: Map<string, number>) {
  // save every entry
  yield Array.from(entries, ([key, value]) => save(key, /* raw */ value));
});
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a for-of loop over a conditional array, in an @coroutine method, comment in the body kept',
      code: `
import { coroutine } from 'gust';
class Sync {
  @coroutine
  *run(all: boolean) {
    for (const job of (all ? ['a', 'b'] : ['a'])) {
      // one at a time
      yield this.start(job);
    }
  }
}
`,
      errors: [
        {
          messageId: 'sequentialLoop',
          line: 8,
          column: 7,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'yieldAllIterations',
              output: `
import { coroutine } from 'gust';
class Sync {
  @coroutine
  *run(all: boolean) {
    // one at a time
    yield Array.from(all ? ['a', 'b'] : ['a'], (job) => this.start(job));
  }
}
`,
            },
          ],
        },
      ],
    },
  ],
});

typedRuleTester.run('prefer-parallel-yield (typed)', rule, {
  valid: [
    {
      name: 'dependent calls across files',
      code: "import { coroutine } from 'gust';\nimport { jobs } from './jobs';\nexport const f = coroutine(function* () {\n  const a = yield jobs.refresh(1);\n  yield jobs.refresh(a);\n});",
    },
  ],
  invalid: [
    {
      name: 'a loop over an array known by its type uses map',
      code: "import { coroutine } from 'gust';\nimport { ids, jobs } from './jobs';\nexport const f = coroutine(function* () {\n  for (const id of ids) yield jobs.refresh(id);\n});",
      errors: [
        {
          messageId: 'sequentialLoop',
          line: 4,
          column: 25,
          endColumn: 47,
          suggestions: [
            {
              messageId: 'yieldAllIterations',
              output:
                "import { coroutine } from 'gust';\nimport { ids, jobs } from './jobs';\nexport const f = coroutine(function* () {\n  yield ids.map((id) => jobs.refresh(id));\n});",
            },
          ],
        },
      ],
    },
    {
      name: 'a loop over a logical expression known by its type to be an array: map on the parenthesised receiver',
      code: "import { coroutine } from 'gust';\nimport { ids, jobs } from './jobs';\nexport const f = coroutine(function* (extra?: number[]) {\n  for (const id of extra ?? ids) yield jobs.refresh(id);\n});",
      errors: [
        {
          messageId: 'sequentialLoop',
          line: 4,
          column: 34,
          endColumn: 56,
          suggestions: [
            {
              messageId: 'yieldAllIterations',
              output:
                "import { coroutine } from 'gust';\nimport { ids, jobs } from './jobs';\nexport const f = coroutine(function* (extra?: number[]) {\n  yield (extra ?? ids).map((id) => jobs.refresh(id));\n});",
            },
          ],
        },
      ],
    },
    {
      name: 'a loop over a Set uses Array.from',
      code: "import { coroutine } from 'gust';\nimport { names, jobs } from './jobs';\nexport const f = coroutine(function* () {\n  for (const name of names) yield jobs.refresh(name.length);\n});",
      errors: [
        {
          messageId: 'sequentialLoop',
          line: 4,
          column: 29,
          endColumn: 60,
          suggestions: [
            {
              messageId: 'yieldAllIterations',
              output:
                "import { coroutine } from 'gust';\nimport { names, jobs } from './jobs';\nexport const f = coroutine(function* () {\n  yield Array.from(names, (name) => jobs.refresh(name.length));\n});",
            },
          ],
        },
      ],
    },
  ],
});
