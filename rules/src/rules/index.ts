import type { AnyGustRule } from '../util/create-rule';

/**
 * Every gust rule by id: the one list the plugin, its configs and the docs check read.
 * Keep it sorted; one line per rule.
 */
export const rules: Record<string, AnyGustRule> = {
};
