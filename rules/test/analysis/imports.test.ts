import { probe } from './probe';
import { ruleTester } from '../rule-tester';

const found = (source: string, observed: string, where: string, line = 1) => ({
  messageId: 'future' as const,
  data: { source, observed, where },
  line,
});

ruleTester.run('analysis: the runtime under every import style', probe, {
  valid: [
    { name: 'a local function that shares a runtime name', code: 'function sleep(ms: number) {}\nsleep(10);' },
    { name: 'a name imported from another module', code: "import { sleep } from 'timers-ish';\nsleep(10);" },
    { name: 'a shadowed import', code: "import { sleep } from 'gust';\nfunction f(sleep: (n: number) => void) { sleep(1); }" },
    { name: 'a runtime export that is not a Future', code: "import { IOLoop } from 'gust';\nIOLoop.current();" },
    { name: 'a plain generator is not a coroutine', code: 'function* g() {}\ng();' },
    { name: 'a reassigned binding is not trusted', code: "import { coroutine } from 'gust';\nlet f = coroutine(function* () {});\nf = () => 1;\nf();" },
    { name: 'another module configured as the runtime', code: "import { sleep } from 'gust';\nsleep(1);", settings: { gust: { runtimeModule: '@acme/gust' } } },
  ],
  invalid: [
    { name: 'named import', code: "import { sleep } from 'gust';\nsleep(10);", errors: [found('runtime', 'discarded', 'module', 2)] },
    { name: 'renamed import', code: "import { sleep as nap } from 'gust';\nnap(10);", errors: [found('runtime', 'discarded', 'module', 2)] },
    { name: 'namespace import', code: "import * as gust from 'gust';\ngust.sleep(10);", errors: [found('runtime', 'discarded', 'module', 2)] },
    { name: 'default import', code: "import gust from 'gust';\ngust.task(fn);", errors: [found('runtime', 'discarded', 'module', 2)] },
    { name: 'import equals', code: "import gust = require('gust');\ngust.multi([]);", errors: [found('runtime', 'discarded', 'module', 2)] },
    { name: 'require', code: "const gust = require('gust');\ngust.withTimeout(10, x);", errors: [found('runtime', 'discarded', 'module', 2)] },
    { name: 'require destructuring with rename', code: "const { sleep: nap } = require('gust');\nnap(10);", errors: [found('runtime', 'discarded', 'module', 2)] },
    { name: 'require member', code: "const nap = require('gust').sleep;\nnap(10);", errors: [found('runtime', 'discarded', 'module', 2)] },
    { name: 'require called inline', code: "require('gust').sleep(10);", errors: [found('runtime', 'discarded', 'module', 1)] },
    { name: 'a subpath of the runtime', code: "import { convertYielded } from 'gust/combinators';\nconvertYielded(x);", errors: [found('runtime', 'discarded', 'module', 2)] },
    { name: 'a configured runtime module', code: "import { sleep } from '@acme/gust';\nsleep(1);", settings: { gust: { runtimeModule: ['gust', '@acme/gust'] } }, errors: [found('runtime', 'discarded', 'module', 2)] },
    { name: 'new Future', code: "import { Future } from 'gust';\nnew Future();", errors: [found('runtime', 'discarded', 'module', 2)] },
    {
      name: 'runInExecutor on the current loop and submit on an executor',
      code: "import { IOLoop, ThreadPoolExecutor } from 'gust';\nconst loop = IOLoop.current();\nloop.runInExecutor(null, f);\nconst pool = new ThreadPoolExecutor(2);\npool.submit(f);",
      errors: [found('runtime', 'discarded', 'module', 3), found('runtime', 'discarded', 'module', 5)],
    },
  ],
});

ruleTester.run('analysis: coroutines the file defines', probe, {
  valid: [
    { name: 'a method without the decorator', code: "import { coroutine } from 'gust';\nclass A { *get() {} run() { this.get(); } }" },
    { name: 'a coroutine of another object', code: "import { coroutine } from 'gust';\nconst a = { run: coroutine(function* () {}) };\nconst b = { run() {} };\nb.run();" },
  ],
  invalid: [
    {
      name: 'a variable bound to coroutine(...)',
      code: "import { coroutine } from 'gust';\nconst fetch = coroutine(function* (id: number) { yield 1; });\nfunction main() { fetch(1); }",
      errors: [found('coroutine', 'discarded', 'function', 3)],
    },
    {
      name: 'an alias of a coroutine, called with an optional chain',
      code: "import * as g from 'gust';\nconst fetch = g.coroutine(function* () {});\nconst again = fetch;\nagain?.();",
      errors: [found('coroutine', 'discarded', 'module', 4)],
    },
    {
      name: 'an object property',
      code: "import { coroutine } from 'gust';\nconst api = { load: coroutine(function* () {}) };\napi.load();",
      errors: [found('coroutine', 'discarded', 'module', 3)],
    },
    {
      name: 'a property assigned later',
      code: "import { coroutine } from 'gust';\nconst api: any = {};\napi.load = coroutine(function* () {});\napi.load();",
      errors: [found('coroutine', 'discarded', 'module', 4)],
    },
    {
      name: 'a decorated method through this, an instance and a subclass',
      code: "import { coroutine } from 'gust';\nclass A {\n  @coroutine *get() {}\n  run() { this.get(); }\n}\nclass B extends A {}\nconst b = new B();\nb.get();\nnew A().get();",
      errors: [found('coroutine', 'discarded', 'function', 4), found('coroutine', 'discarded', 'module', 8), found('coroutine', 'discarded', 'module', 9)],
    },
    {
      name: 'a class field holding a coroutine, called from an arrow in a coroutine method',
      code: "import { coroutine } from 'gust';\nclass A {\n  load = coroutine(function* () {});\n  @coroutine *run() { [1].map(() => this.load()); this.load(); }\n}",
      errors: [found('coroutine', 'handled', 'function', 4), found('coroutine', 'discarded', 'coroutine', 4)],
    },
    {
      name: 'names from settings.gust.coroutines',
      code: "import { fetchUser } from './db';\nfetchUser(1);\ndb.query('x');\nother.query('y');",
      settings: { gust: { coroutines: ['fetchUser', 'db.query'] } },
      errors: [found('setting', 'discarded', 'module', 2), found('setting', 'discarded', 'module', 3)],
    },
  ],
});
