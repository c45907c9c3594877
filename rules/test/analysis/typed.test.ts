import { probe } from './probe';
import { typedRuleTester } from '../rule-tester';

const found = (source: string, observed: string, where: string, line: number) => ({
  messageId: 'future' as const,
  data: { source, observed, where },
  line,
});

typedRuleTester.run('analysis with type information', probe, {
  valid: [
    { name: "a user's own Future class", code: "import { compute } from './own-future';\ncompute();" },
    { name: 'a Promise is not a Future', code: 'async function f() {}\nf();' },
    { name: 'a plain generator', code: 'function* g() {}\ng();' },
    { name: 'a hand-declared module that is not the configured runtime', code: "import { fetchLater } from 'acme-gust';\nfetchLater();" },
  ],
  invalid: [
    {
      name: "the Future of a runtime declared by hand with declare module, when configured as the runtime",
      code: "import { fetchLater } from 'acme-gust';\nfetchLater();",
      settings: { gust: { runtimeModule: 'acme-gust' } },
      errors: [found('type', 'discarded', 'module', 2)],
    },
    {
      name: 'a coroutine from another file',
      code: "import { fetchUser } from './lib';\nfetchUser(1);",
      errors: [found('type', 'discarded', 'module', 2)],
    },
    {
      name: 'a function declared to return a Future',
      code: "import { makeFuture } from './lib';\nmakeFuture();",
      errors: [found('type', 'discarded', 'module', 2)],
    },
    {
      name: 'through an optional chain, a conditional and a logical expression',
      code: "import { fetchUser, makeFuture, Repository } from './lib';\ndeclare const repo: Repository | undefined;\nrepo?.maybe();\n(Math.random() > 0.5 ? makeFuture : fetchUser)(1);\n(repo && repo.maybe());",
      errors: [found('type', 'discarded', 'module', 3), found('type', 'discarded', 'module', 4), found('type', 'discarded', 'module', 5)],
    },
    {
      name: 'a decorated coroutine method from another file',
      code: "import { Repository } from './lib';\nnew Repository().load(1);",
      errors: [found('type', 'discarded', 'module', 2)],
    },
    {
      name: 'runtime functions',
      code: "import { sleep, IOLoop } from 'gust';\nsleep(1);\nIOLoop.current().runInExecutor(null, () => 1);",
      errors: [found('type', 'discarded', 'module', 2), found('type', 'discarded', 'module', 3)],
    },
  ],
});
