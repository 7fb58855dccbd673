import { showStatus } from '../../src/cli/spinner.js';

/** A spinner that records what it was asked to do. */
function fakeSpinner(): {
  calls: string[];
  status: string | undefined;
  start(action: string): void;
  stop(msg?: string): void;
} {
  return {
    calls: [],
    status: undefined,
    start(action: string): void {
      this.calls.push(`start ${action}`);
    },
    stop(msg?: string): void {
      this.calls.push(`stop ${msg ?? ''}`);
    },
  };
}

describe('showStatus', () => {
  it('redraws the status in a terminal', () => {
    const spinner = fakeSpinner();
    showStatus(spinner, 'Reading', 'accounts', true);
    expect(spinner.status).toBe('accounts');
    expect(spinner.calls).toEqual([]);
  });

  it('ends the line with each status elsewhere and starts again, so that a log reads one status a line', () => {
    const spinner = fakeSpinner();
    showStatus(spinner, 'Reading', 'accounts', false);
    showStatus(spinner, 'Reading', 'contacts', false);
    expect(spinner.calls).toEqual(['stop accounts', 'start Reading', 'stop contacts', 'start Reading']);
    expect(spinner.status).toBeUndefined();
  });
});
