// The config `npm run demo` lints the examples with: the gust plugin's recommended rules
// on TypeScript files, as a user would set it up. (The repo's own lint uses the root
// eslint.config.js, which does not enable gust rules: unyielded.ts is wrong on purpose.)
'use strict';
const tseslint = require('typescript-eslint');
const gust = require('eslint-plugin-gust');

const plugin = gust.default ?? gust;
const recommended = plugin.configs.recommended;

module.exports = [
  { ignores: ['dist/**', '*.js'] },
  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
  ...(Array.isArray(recommended) ? recommended : [recommended]),
];
