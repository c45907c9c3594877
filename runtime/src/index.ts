/**
 * Gust: Tornado-style generator coroutines for TypeScript.
 *
 * This module names the public API; everything else in the package is internal.
 */
export const VERSION = '0.1.0';
