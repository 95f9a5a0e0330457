import { summaryLine, type RunCounts } from '../support/summary-reporter';

const counts = (overrides: Partial<RunCounts>): RunCounts => ({
  numPassedTests: 0,
  numFailedTests: 0,
  numPendingTests: 0,
  numTodoTests: 0,
  numFailedTestSuites: 0,
  numRuntimeErrorTestSuites: 0,
  ...overrides,
});

describe('the closing line of a jest run (what .ci/run reports)', () => {
  it('says how many tests passed, failed and were skipped, even when none were skipped', () => {
    expect(summaryLine(counts({ numPassedTests: 812 }))).toBe('812 passed, 0 failed, 0 skipped');
    expect(summaryLine(counts({ numPassedTests: 800, numFailedTests: 2, numFailedTestSuites: 1 }))).toBe('800 passed, 2 failed, 0 skipped');
  });

  it('counts skipped and to-do tests as skipped, never as passed', () => {
    expect(summaryLine(counts({ numPassedTests: 700, numPendingTests: 95, numTodoTests: 1 }))).toBe('700 passed, 0 failed, 96 skipped');
  });

  it('counts a test file that failed outside any test (it did not compile, a hook threw) as a failure', () => {
    expect(summaryLine(counts({ numPassedTests: 10, numFailedTestSuites: 1 }))).toBe('10 passed, 1 failed, 0 skipped');
    expect(summaryLine(counts({ numPassedTests: 10, numRuntimeErrorTestSuites: 2 }))).toBe('10 passed, 2 failed, 0 skipped');
  });

  it('is the plain "N passed, N failed, N skipped" line that CI reads', () => {
    expect(summaryLine(counts({ numPassedTests: 3, numFailedTests: 1, numPendingTests: 2 }))).toMatch(/^\d+ passed, \d+ failed, \d+ skipped$/);
  });
});
