import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';

const FIXTURES = resolve(__dirname, '../../test/fixtures/types');

/** Type-checks one fixture as a user's strict project would, with the pinned TypeScript. */
function diagnose(file: string): { line: number; code: number; text: string }[] {
  const program = ts.createProgram([resolve(FIXTURES, file)], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    types: ['node'],
    skipLibCheck: true,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ({
    line: d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0,
    code: d.code,
    text: `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
  }));
}

describe('types (tsc on fixtures, strict)', function () {
  this.timeout(60_000);

  it('typed-yields.ts compiles: each @ts-expect-error is a real error, plain yield is any without TS7057', () => {
    const found = diagnose('typed-yields.ts');
    assert.deepEqual(found, []);
    const source = readFileSync(resolve(FIXTURES, 'typed-yields.ts'), 'utf8');
    assert.ok((source.match(/@ts-expect-error/g) ?? []).length >= 10);
  });

  it('wrong-type.ts fails to compile exactly at the line that assigns a number result to a string', () => {
    const found = diagnose('wrong-type.ts');
    const source = readFileSync(resolve(FIXTURES, 'wrong-type.ts'), 'utf8').split('\n');
    const wrongLine = source.findIndex((l) => l.includes('// WRONG')) + 1;
    assert.deepEqual(
      found.map((d) => [d.line, d.code]),
      [[wrongLine, 2322]],
      found.map((d) => d.text).join('\n'),
    );
  });
});
