// TEMPORARY stand-in for the shared `allow` option the framework branch is writing; removed on merge.
import type { JSONSchema, TSESLint, TSESTree } from '@typescript-eslint/utils';
type JSONSchema4 = JSONSchema.JSONSchema4;
import { calleePath } from './futures';

export type PENDING_AllowOption = (string | { from: string; name: string | string[]; package?: string; path?: string })[];

export const PENDING_allowSchema: JSONSchema4 = { type: 'array', items: { type: ['string', 'object'] } };

export function PENDING_isAllowed(
  _context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  allow: PENDING_AllowOption | undefined,
  callee: TSESTree.Node,
  name: string,
  module: string | null,
): boolean {
  const path = calleePath(callee);
  return (allow ?? []).some((entry) => {
    if (typeof entry === 'string') return entry === name || entry === path;
    const names = Array.isArray(entry.name) ? entry.name : [entry.name];
    return names.includes(name) && (entry.from !== 'package' || entry.package === module);
  });
}
