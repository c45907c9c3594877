import type { TSESLint } from '@typescript-eslint/utils';
import * as tsParser from '@typescript-eslint/parser';
import type { AnyGustRule } from './util/create-rule';

type Severity = 'error' | 'warn';
type RuleLevels = Record<string, Severity>;

/** The configs the plugin ships, flat and legacy (eslintrc), built from the rules' meta. */
export interface GustConfigs {
  recommended: TSESLint.FlatConfig.Config;
  'recommended-type-checked': TSESLint.FlatConfig.Config;
  all: TSESLint.FlatConfig.Config;
  'legacy-recommended': TSESLint.ClassicConfig.Config;
  'legacy-recommended-type-checked': TSESLint.ClassicConfig.Config;
  'legacy-all': TSESLint.ClassicConfig.Config;
}

/** A rule's level in the recommended configs: problems are errors, advice is a warning. */
export function recommendedSeverity(rule: AnyGustRule): Severity {
  return rule.meta.type === 'suggestion' ? 'warn' : 'error';
}

function levels(rules: Readonly<Record<string, AnyGustRule>>, include: (rule: AnyGustRule) => boolean, all = false): RuleLevels {
  const result: RuleLevels = {};
  for (const [id, rule] of Object.entries(rules)) {
    if (rule.meta.deprecated || !include(rule)) continue;
    result[`gust/${id}`] = all ? 'error' : recommendedSeverity(rule);
  }
  return result;
}

/**
 * Builds every config from rule meta (`docs.recommended`, `docs.requiresTypeChecking`,
 * `type`), so adding a rule to the list is all it takes to ship it.
 *
 * @example
 * plugin.configs = buildConfigs(plugin, rules);
 * // eslint.config.js: export default [gust.configs.recommended];
 */
export function buildConfigs(plugin: TSESLint.FlatConfig.Plugin, rules: Readonly<Record<string, AnyGustRule>>): GustConfigs {
  const recommended = levels(rules, (rule) => rule.meta.docs?.recommended === true && !rule.meta.docs.requiresTypeChecking);
  const typeChecked = levels(rules, (rule) => rule.meta.docs?.recommended === true);
  const all = levels(rules, () => true, true);
  const typedLanguageOptions: TSESLint.FlatConfig.LanguageOptions = {
    parser: tsParser,
    parserOptions: { projectService: true },
  };
  const legacyTyped = { parser: '@typescript-eslint/parser', parserOptions: { projectService: true } };
  return {
    recommended: { name: 'gust/recommended', plugins: { gust: plugin }, rules: recommended },
    'recommended-type-checked': {
      name: 'gust/recommended-type-checked',
      plugins: { gust: plugin },
      languageOptions: typedLanguageOptions,
      rules: typeChecked,
    },
    all: { name: 'gust/all', plugins: { gust: plugin }, rules: all },
    'legacy-recommended': { plugins: ['gust'], rules: recommended },
    'legacy-recommended-type-checked': { plugins: ['gust'], ...legacyTyped, rules: typeChecked },
    'legacy-all': { plugins: ['gust'], rules: all },
  };
}
