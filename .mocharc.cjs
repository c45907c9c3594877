// One mocha run over every workspace's compiled tests; the reporter adds the
// "N passed, N failed" closing line that CI reads.
module.exports = {
  spec: [
    'runtime/dist/test/**/*.test.js',
    'rules/dist/test/**/*.test.js',
    'server/dist/test/**/*.test.js',
    'extension/out/test/**/*.test.js',
  ],
  reporter: require.resolve('./scripts/mocha-reporter.cjs'),
  timeout: 20000,
  exit: true,
};
