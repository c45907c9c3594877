/**
 * The analysis every gust rule shares: which expressions give a Future (with and without
 * type information), whether a Future is observed, where a node runs, the `allow` option
 * and the repairs' building blocks. Rules import from here, never re-implement it.
 */
export { type AllowEntry, allowOnlySchema, allowOptionSchema, isAllowed } from './allow';
export { CoroutineBindings, isFunction, thisClass } from './bindings';
export { canYield, type Enclosing, type EnclosingKind, enclosing } from './enclosing';
export {
  commentsOutside,
  ioLoopReference,
  isParenthesized,
  needsLeadingSemicolon,
  needsParensForAssignmentLevel,
  needsParensForUnaryLevel,
  outermost,
  replaceExpression,
  type RuntimeReference,
  runtimeReference,
} from './fixes';
export { type FutureRepairs, futureRepairs, spawnArguments, suspendsInside } from './repairs';
export {
  calleePath,
  FutureAnalysis,
  type FutureSource,
  getAnalysis,
  RUNTIME_FUTURE_FUNCTIONS,
} from './futures';
export {
  findRuntimeImports,
  ImportResolver,
  isNeverReassigned,
  memberName,
  type ModuleRef,
  requiredModule,
  type RuntimeImports,
  type RuntimeRef,
  skipTsWrappers,
} from './imports';
export { isLost, isVariableObserved, type ObserveOptions, type Observation, observe } from './observed';
export { type GustSettings, GustSettingsError, readSettings } from './settings';
export { FutureTypes, packageNameOf } from './types';
