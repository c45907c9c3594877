/**
 * Docs and README are checked against rule meta, so they cannot drift: a rule without a
 * page, an undocumented option, or a README row that disagrees with meta fails here.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import plugin from '../src/index';

const root = path.resolve(__dirname, '..', '..');
const docsDir = path.join(root, 'docs', 'rules');
const readme = fs.readFileSync(path.join(root, '..', 'README.md'), 'utf8');
const entries = Object.entries(plugin.rules);

function optionNames(schema: unknown): string[] {
  const first = Array.isArray(schema) ? (schema[0] as { properties?: Record<string, unknown> } | undefined) : undefined;
  return Object.keys(first?.properties ?? {});
}

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) return '';
  const rest = markdown.slice(start + heading.length + 2);
  const level = heading.split(' ')[0];
  const next = rest.search(new RegExp(`\\n${level} `));
  return next < 0 ? rest : rest.slice(0, next);
}

/** The README row a rule's meta calls for. */
function expectedRow(id: string): string {
  const rule = plugin.rules[id];
  const docs = rule.meta.docs;
  const mark = (on: boolean | undefined, sign: string) => (on ? ` ${sign} ` : '  ');
  return (
    `| [gust/${id}](rules/docs/rules/${id}.md) | ${docs?.description ?? ''} |` +
    `${mark(docs?.recommended, '✅')}|${mark(rule.meta.fixable !== undefined, '🔧')}|` +
    `${mark(rule.meta.hasSuggestions, '💡')}|${mark(docs?.requiresTypeChecking, '💭')}|`
  );
}

describe('rule docs agree with rule meta', () => {
  it('every rule has a page and every page a rule', () => {
    const pages = fs.readdirSync(docsDir).filter((file) => file.endsWith('.md')).map((file) => file.slice(0, -3)).sort();
    assert.deepEqual(pages, entries.map(([id]) => id).sort());
  });

  it('each page opens with the rule id and its meta description, and meta.docs.url points at it', () => {
    const problems: string[] = [];
    for (const [id, rule] of entries) {
      const page = fs.readFileSync(path.join(docsDir, `${id}.md`), 'utf8');
      const lines = page.split('\n');
      if (lines[0] !== `# gust/${id}`) problems.push(`${id}: first line should be "# gust/${id}"`);
      if (lines[2] !== `> ${rule.meta.docs?.description}`) problems.push(`${id}: third line should be "> ${rule.meta.docs?.description}"`);
      if (!rule.meta.docs?.url?.endsWith(`/rules/docs/rules/${id}.md`)) problems.push(`${id}: meta.docs.url is ${rule.meta.docs?.url}`);
    }
    assert.deepEqual(problems, []);
  });

  it('each page’s badge line matches recommended, fixable, suggestions and type information', () => {
    const problems: string[] = [];
    for (const [id, rule] of entries) {
      const badges = fs.readFileSync(path.join(docsDir, `${id}.md`), 'utf8').split('\n')[4] ?? '';
      const checks: [string, boolean][] = [
        ['✅', rule.meta.docs?.recommended === true],
        ['🔧', rule.meta.fixable !== undefined],
        ['💡', rule.meta.hasSuggestions === true],
        ['Needs type information', rule.meta.docs?.requiresTypeChecking === true],
      ];
      for (const [sign, expected] of checks) {
        if (badges.includes(sign) !== expected) problems.push(`${id}: badge "${sign}" should be ${expected ? 'present' : 'absent'}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('each option in a rule’s schema has a heading under "## Options", and no heading names an unknown option', () => {
    const problems: string[] = [];
    for (const [id, rule] of entries) {
      const options = section(fs.readFileSync(path.join(docsDir, `${id}.md`), 'utf8'), '## Options');
      const documented = [...options.matchAll(/^### `([^`]+)`$/gm)].map((match) => match[1]).sort();
      const declared = optionNames(rule.meta.schema).sort();
      if (JSON.stringify(documented) !== JSON.stringify(declared)) {
        problems.push(`${id}: documents [${documented.join(', ')}], schema has [${declared.join(', ')}]`);
      }
      if (declared.length === 0 && !options.includes('This rule has no options.')) problems.push(`${id}: say "This rule has no options."`);
    }
    assert.deepEqual(problems, []);
  });

  it('each page explains the problem, the repairs and when not to use the rule', () => {
    const missing = entries.flatMap(([id]) => {
      const page = fs.readFileSync(path.join(docsDir, `${id}.md`), 'utf8');
      return ['## The problem', '### Incorrect', '### Correct', '## Fixes and suggestions', '## When not to use it']
        .filter((heading) => !page.includes(`\n${heading}\n`))
        .map((heading) => `${id}: ${heading}`);
    });
    assert.deepEqual(missing, []);
  });

  it('the README rule table has exactly one row per rule, as meta says', () => {
    const rows = section(readme, '## ESLint plugin')
      .split('\n')
      .filter((line) => line.startsWith('| [gust/'));
    assert.deepEqual(rows, entries.map(([id]) => id).sort().map(expectedRow), 'README rows (under "## ESLint plugin") should be exactly these');
  });
});
