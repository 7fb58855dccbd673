import type { Spinner } from '@salesforce/sf-plugins-core';

/**
 * Shows `status` on a running spinner. In a terminal the spinner redraws its line. Elsewhere (CI
 * logs, pipes) oclif's plain spinner would run every status after the first into one line, so there
 * the status ends the line (`action... status`) and the spinner starts again on the next.
 */
export function showStatus(
  spinner: Pick<Spinner, 'start' | 'stop' | 'status'>,
  action: string,
  status: string,
  interactive = process.stderr.isTTY === true,
): void {
  if (interactive) {
    spinner.status = status;
    return;
  }
  spinner.stop(status);
  spinner.start(action);
}
