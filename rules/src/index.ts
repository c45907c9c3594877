/**
 * eslint-plugin-gust: rules that keep Gust coroutines honest, and configs built from them.
 *
 * @example
 * // eslint.config.js
 * const gust = require('eslint-plugin-gust');
 * module.exports = [gust.configs.recommended];
 */
import type { TSESLint } from '@typescript-eslint/utils';
import { buildConfigs, type GustConfigs } from './configs';
import { rules } from './rules';

const meta = { name: 'eslint-plugin-gust', version: '0.1.0', namespace: 'gust' };

const plugin: { meta: typeof meta; rules: typeof rules; configs: GustConfigs } = {
  meta,
  rules,
  configs: {} as GustConfigs,
};
plugin.configs = buildConfigs(plugin as unknown as TSESLint.FlatConfig.Plugin, rules);

export = plugin;
