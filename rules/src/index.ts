/** eslint-plugin-gust: the plugin object (rules and configs). */
export const meta = { name: 'eslint-plugin-gust', version: '0.1.0' };
