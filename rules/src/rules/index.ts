import type { AnyGustRule } from '../util/create-rule';
import noFloatingGenerator from './no-floating-generator';
import noUnyieldedCoroutine from './no-unyielded-coroutine';

/**
 * Every gust rule by id: the one list the plugin, its configs and the docs check read.
 * Keep it sorted; one line per rule.
 */
export const rules: Record<string, AnyGustRule> = {
  'no-floating-generator': noFloatingGenerator as unknown as AnyGustRule,
  'no-unyielded-coroutine': noUnyieldedCoroutine as unknown as AnyGustRule,
};
