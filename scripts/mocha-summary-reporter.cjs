// Mocha's spec output, plus the totals written for scripts/test.mjs.
const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname } = require('node:path');
const { Spec } = require('mocha').reporters;

class SummaryReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    const file = process.env.MOCHA_SUMMARY_FILE || 'test/.out/node-summary.json';
    runner.once('end', () => {
      const s = runner.stats || {};
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify({ passed: s.passes || 0, failed: s.failures || 0, skipped: s.pending || 0 }));
    });
  }
}
module.exports = SummaryReporter;
