import type { AnyGustRule } from '../util/create-rule';
import { rule as noBlockingInCoroutine } from './no-blocking-in-coroutine';
import { rule as noCoroutinePeriodicCallback } from './no-coroutine-periodic-callback';
import noDeprecatedApi from './no-deprecated-api';
import noFloatingGenerator from './no-floating-generator';
import { rule as noMisusedCoroutine } from './no-misused-coroutine';
import noUnobservedFuture from './no-unobserved-future';
import noUnyieldedCoroutine from './no-unyielded-coroutine';
import { rule as preferParallelYield } from './prefer-parallel-yield';

/**
 * Every gust rule by id: the one list the plugin, its configs and the docs check read.
 * Keep it sorted; one line per rule.
 */
export const rules: Record<string, AnyGustRule> = {
  'no-blocking-in-coroutine': noBlockingInCoroutine as unknown as AnyGustRule,
  'no-coroutine-periodic-callback': noCoroutinePeriodicCallback as unknown as AnyGustRule,
  'no-deprecated-api': noDeprecatedApi as unknown as AnyGustRule,
  'no-floating-generator': noFloatingGenerator as unknown as AnyGustRule,
  'no-misused-coroutine': noMisusedCoroutine as unknown as AnyGustRule,
  'no-unobserved-future': noUnobservedFuture as unknown as AnyGustRule,
  'no-unyielded-coroutine': noUnyieldedCoroutine as unknown as AnyGustRule,
  'prefer-parallel-yield': preferParallelYield as unknown as AnyGustRule,
};
