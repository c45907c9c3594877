import { probe } from './probe';
import { ruleTester } from '../rule-tester';

const header = "import { coroutine, sleep, wait } from 'gust';\n";
const found = (observed: string, where: string, line = 2) => ({
  messageId: 'future' as const,
  data: { source: 'runtime', observed, where },
  line,
});

ruleTester.run('analysis: is the Future observed', probe, {
  valid: [],
  invalid: [
    { name: 'discarded', code: `${header}sleep(1);`, errors: [found('discarded', 'module')] },
    { name: 'yielded', code: `${header}coroutine(function* () { yield sleep(1); });`, errors: [found('handled', 'coroutine')] },
    { name: 'in a yielded array and object', code: `${header}coroutine(function* () { yield [sleep(1), { a: sleep(2) }]; });`, errors: [found('handled', 'coroutine'), found('handled', 'coroutine')] },
    { name: 'yield* wait(...)', code: `${header}coroutine(function* () { const n = yield* wait(sleep(1)); });`, errors: [found('handled', 'coroutine')] },
    { name: 'awaited', code: `${header}async function f() { await sleep(1); }`, errors: [found('handled', 'async')] },
    { name: 'returned and an arrow body', code: `${header}function f() { return sleep(1); }\nconst g = () => sleep(2);`, errors: [found('handled', 'function'), found('handled', 'function', 3)] },
    { name: 'stored', code: `${header}const pending = sleep(1);\nthis.x = sleep(2);`, errors: [found('stored', 'module'), found('stored', 'module', 3)] },
    { name: 'passed as an argument', code: `${header}track(sleep(1));`, errors: [found('handled', 'module')] },
    { name: 'catch with a handler', code: `${header}sleep(1).catch(report);`, errors: [found('handled', 'module')] },
    { name: 'then with both handlers', code: `${header}sleep(1).then(ok, report);`, errors: [found('handled', 'module')] },
    { name: 'then without a rejection handler', code: `${header}sleep(1).then(ok);`, errors: [found('then-without-rejection', 'module')] },
    { name: 'then then catch', code: `${header}sleep(1).then(ok).catch(report);`, errors: [found('handled', 'module')] },
    { name: 'void', code: `${header}void sleep(1);`, errors: [found('voided', 'module')] },
    { name: 'a conditional and a logical expression', code: `${header}ready ? sleep(1) : sleep(2);\nready && sleep(3);`, errors: [found('discarded', 'module'), found('discarded', 'module'), found('discarded', 'module', 3)] },
    { name: 'an optional chain', code: `${header}const gust: any = null;\nsleep?.(1);`, errors: [found('discarded', 'module', 3)] },
    { name: 'not the last of a sequence', code: `${header}const x = (sleep(1), 2);`, errors: [found('discarded', 'module')] },
    { name: 'a default parameter cannot yield', code: `${header}function* g(a = sleep(1)) {}`, errors: [found('handled', 'function')] },
  ],
});
