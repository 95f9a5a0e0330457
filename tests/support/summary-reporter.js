'use strict';
// Ends every jest run with the plain line CI reads: "N passed, N failed, N skipped". Skipped counts the
// tests jest registered but did not run (describe.skip / it.skip, as tests/support/availability.ts declares
// the suites whose server or browser is missing, and it.todo), so a missing server never reads as a pass.

/** The closing line for jest's aggregated results. A suite that failed outside any test counts as one failure. */
function summaryLine(results) {
  const skipped = results.numPendingTests + results.numTodoTests;
  const failedSuites = results.numFailedTestSuites + results.numRuntimeErrorTestSuites;
  const failed = results.numFailedTests + (results.numFailedTests === 0 && failedSuites > 0 ? failedSuites : 0);
  return `${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped`;
}

class SummaryReporter {
  onRunComplete(_contexts, results) {
    process.stdout.write(`\n${summaryLine(results)}\n`);
  }
}

module.exports = SummaryReporter;
module.exports.summaryLine = summaryLine;
