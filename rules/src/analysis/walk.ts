import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/**
 * Visits `root` and everything under it, depth first, along the parser's own visitor
 * keys (so TypeScript nodes are covered and `parent` links are never followed).
 * `enter` returning `false` skips that node's children: a function nested in the code
 * being searched, for instance.
 *
 * @example
 * walk(sourceCode, body, (node) => { if (isFunction(node)) return false; if (node.type === 'YieldExpression') found = true; });
 */
export function walk(
  sourceCode: Readonly<TSESLint.SourceCode>,
  root: TSESTree.Node,
  enter: (node: TSESTree.Node) => boolean | void,
): void {
  const keys = sourceCode.visitorKeys;
  const visit = (node: TSESTree.Node): void => {
    if (enter(node) === false) return;
    for (const key of keys[node.type] ?? []) {
      const value: unknown = (node as unknown as Record<string, unknown>)[key];
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof child === 'object' && typeof (child as { type?: unknown }).type === 'string') {
          visit(child as TSESTree.Node);
        }
      }
    }
  };
  visit(root);
}

/**
 * Every node under `root` (itself included), depth first.
 *
 * @example
 * descendants(sourceCode, call).filter((node) => node.type === AST_NODE_TYPES.Identifier);
 */
export function descendants(sourceCode: Readonly<TSESLint.SourceCode>, root: TSESTree.Node): TSESTree.Node[] {
  const found: TSESTree.Node[] = [];
  walk(sourceCode, root, (node) => {
    found.push(node);
  });
  return found;
}
