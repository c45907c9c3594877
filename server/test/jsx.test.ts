import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { jsxChildrenLines, startsInJsxChildren } from '../src/jsx';

const PAGE = [
  'const Page = () => (', //         0
  '  <div>', //                       1
  '    {items.forEach(load)}', //     2: a child that is an expression
  '    <span>hi</span>', //           3: a child element
  '    text here', //                 4: text
  '    {items.map((x) => {', //       5
  '      load(x);', //                6: code inside a child's braces
  '      return <b>', //              7
  '        {x}', //                   8: a child again, nested
  '      </b>;', //                   9: a closing tag
  '    })}', //                      10
  '  </div>', //                     11
  ');', //                           12
  'load(1);', //                     13
].join('\n');

describe('jsxChildrenLines', () => {
  it('is true where a line comment would be JSX text, false in code', () => {
    const document = TextDocument.create('file:///w/page.tsx', 'typescriptreact', 1, PAGE);
    const inJsx = jsxChildrenLines(document);
    const inChildren = PAGE.split('\n').map((_, line) => inJsx(line));
    assert.deepEqual(
      inChildren.flatMap((yes, line) => (yes ? [line] : [])),
      [2, 3, 4, 5, 8, 9, 11],
    );
  });

  it('is false outside the JSX languages', () => {
    assert.equal(startsInJsxChildren(TextDocument.create('file:///w/page.ts', 'typescript', 1, PAGE), 2), false);
    assert.equal(startsInJsxChildren(TextDocument.create('file:///w/page.jsx', 'javascriptreact', 1, PAGE), 2), true);
  });
});
