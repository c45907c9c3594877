/**
 * The RuleTester set-up every rule test shares: typescript-eslint's RuleTester running
 * under mocha, an untyped tester, and a typed tester whose files live in
 * `test/fixtures` (a tsconfig with the project service on; `import ... from 'gust'` there
 * resolves to the workspace runtime).
 *
 * @example
 * import { ruleTester } from '../rule-tester';
 * ruleTester.run('no-unyielded-coroutine', rule, { valid: [...], invalid: [...] });
 */
import { RuleTester } from '@typescript-eslint/rule-tester';
import * as path from 'node:path';

RuleTester.afterAll = after;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** `rules/test/fixtures`, from the compiled `rules/dist/test` folder. */
export const fixturesDir = path.resolve(__dirname, '..', '..', 'test', 'fixtures');

/** Lints with @typescript-eslint/parser and no type information. */
export const ruleTester = new RuleTester();

/** Lints with type information; cases' `filename` defaults to `test/fixtures/file.ts`. */
export const typedRuleTester = new RuleTester({
  languageOptions: {
    parserOptions: {
      projectService: { allowDefaultProject: ['*.js'] },
      tsconfigRootDir: fixturesDir,
    },
  },
});

/** A fixture file's absolute path, for typed cases that need a specific file name. */
export function fixture(name: string): string {
  return path.join(fixturesDir, name);
}
