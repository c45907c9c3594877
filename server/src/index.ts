/**
 * gust-language-server: the public entry points. The server itself is started by the
 * `gust-language-server` bin; these are for embedding it and for tests.
 *
 * @example
 * import { startServer } from 'gust-language-server';
 * startServer(createConnection(ProposedFeatures.all));
 */
export const SERVER_NAME = 'gust-language-server';
export { startServer, FIX_ALL_COMMAND, type ServerOptions } from './server';
export { parseSettings, settingsToConfig, qualifyRuleId, DEFAULT_SETTINGS, type GustSettings, type ParsedSettings, type RunMode, type RuleLevel, type RuleSetting, type GustPlugin } from './settings';
export { toDiagnostic, diagnosticKey, messageKey, messageRange, gustMessages, DIAGNOSTIC_SOURCE } from './diagnostics';
export { quickFixes, fixAllRuleEdit, fixAllAction, kindAllowed, workspaceEdit, FIX_ALL_KIND, SHOW_DOCUMENTATION_COMMAND, type ActionContext } from './code-actions';
export { applyFixes, minimalEdit, disableLineEdit, disableFileEdit, fixToEdit } from './edits';
export { GustLinter, loadPlugin, toPlugin, lintPath, crashedRule, PluginLoadError, type LintInput, type LintOutput, type RuleCrash } from './lint';
export { findFlatConfig, WorkspaceEslint, EslintConfigError, FLAT_CONFIG_NAMES } from './eslint-config';
export { LintScheduler, type Timers } from './schedule';
export { parseArgs, usage, type CliRequest } from './cli';
export { importersOf, programOf } from './dependants';
