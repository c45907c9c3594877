import { ESLintUtils, type TSESLint } from '@typescript-eslint/utils';

/** Where rule docs live: the `docs/rules/<id>.md` page in the repository. */
export const DOCS_BASE_URL = 'https://github.com/gust-ts/gust/blob/main/rules/docs/rules/';

/**
 * The extra `meta.docs` fields every gust rule declares; the configs are built from them.
 *
 * @example
 * docs: { description: 'Require coroutine calls to be yielded', recommended: true, requiresTypeChecking: false }
 */
export interface GustRuleDocs {
  /** Whether the rule is in `configs.recommended` (and so in `recommended-type-checked`). */
  recommended: boolean;
  /** Whether the rule only works with type information (then only type-checked configs enable it). */
  requiresTypeChecking: boolean;
}

/**
 * Makes a gust rule and fills in `meta.docs.url` from the rule's name.
 *
 * @example
 * export const rule = createRule({ name: 'no-unobserved-future', meta: { ... }, defaultOptions: [{}], create(context) { ... } });
 */
export const createRule = ESLintUtils.RuleCreator<GustRuleDocs>((name) => `${DOCS_BASE_URL}${name}.md`);

/**
 * The type every gust rule module is exported with (explicit, so declaration emit never
 * has to name the rule creator's inferred internals).
 *
 * @example
 * export const rule: GustRule<MessageIds, Options> = createRule({ ... });
 */
export type GustRule<MessageIds extends string, Options extends readonly unknown[]> = TSESLint.RuleModule<
  MessageIds,
  Options,
  GustRuleDocs
> & { name: string };

/** Any gust rule, as the plugin's rule list holds them. */
export type AnyGustRule = TSESLint.RuleModule<string, readonly unknown[], GustRuleDocs>;
