// Types of summary-reporter.js (a plain script, as jest loads reporters without compiling them).
declare class SummaryReporter {
  onRunComplete(contexts: unknown, results: SummaryReporter.RunCounts): void;
}

declare namespace SummaryReporter {
  /** The counts of jest's aggregated results that the closing line reads. */
  interface RunCounts {
    readonly numPassedTests: number;
    readonly numFailedTests: number;
    readonly numPendingTests: number;
    readonly numTodoTests: number;
    readonly numFailedTestSuites: number;
    readonly numRuntimeErrorTestSuites: number;
  }
  /** "N passed, N failed, N skipped". */
  function summaryLine(results: RunCounts): string;
}

export = SummaryReporter;
