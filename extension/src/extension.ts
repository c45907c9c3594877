/** The VS Code extension: starts the bundled Gust language server. */
export const EXTENSION_ID = 'gust.gust-vscode';
