/** gust-language-server: the public entry points. */
export const SERVER_NAME = 'gust-language-server';
