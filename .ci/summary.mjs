// Prints the one closing line CI reads, "N passed, N failed", from vitest's JSON report.
// A test command that failed before vitest ran (lint, typecheck, install) counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

const [reportPath, statusArg] = process.argv.slice(2);
const status = Number(statusArg ?? 1);

if (!existsSync(reportPath)) {
  console.log(
    `[ci] no test report at ${reportPath}: the test command stopped before the tests ran (exit ${status})`,
  );
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const passed = report.numPassedTests ?? 0;
let failed = report.numFailedTests ?? 0;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
// Vitest can fail a run without a failing test (an unhandled error, a type error outside a test, a failed suite).
if (status !== 0 && failed === 0) {
  console.log(
    `[ci] the test command exited ${status} although no test failed (an unhandled error or a failed suite)`,
  );
  failed = (report.numFailedTestSuites ?? 0) || 1;
}
if (passed === 0 && failed === 0) {
  console.log('[ci] no test ran');
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || status !== 0 ? 1 : 0);
