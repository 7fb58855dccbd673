import { phaseLine } from '../../src/cli/runOutput.js';
import { initialProgress } from '../../src/core/reassign/index.js';

describe('phaseLine', () => {
  const state = {
    ...initialProgress(),
    perObject: {
      Task: { total: 231, done: 231, failed: 0, conflicts: 0 },
      Event: { total: 51, done: 48, failed: 2, conflicts: 1 },
      Contact: { total: 10, done: 10, failed: 0, conflicts: 0 },
    },
  };

  it("lists the phase's objects, with failures and conflicts only where there are any", () => {
    expect(phaseLine('activities', state)).toBe('Task 231/231; Event 48/51 (2 failed, 1 conflict(s))');
    expect(phaseLine('contacts', state)).toBe('Contact 10/10');
  });

  it('shows nothing for a phase without objects, or before progress', () => {
    expect(phaseLine('cases', state)).toBeUndefined();
    expect(phaseLine('contacts', undefined)).toBeUndefined();
  });
});
