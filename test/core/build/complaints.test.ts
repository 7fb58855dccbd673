import { buildHandover } from '../../../src/core/build/index.js';
import { account, caseRow, instant, snapshot } from './fixtures.js';

const complaintsOf = (cases: ReturnType<typeof caseRow>[]) =>
  buildHandover(snapshot({ accounts: [account({ Id: 'a' })], cases })).accounts[0]?.complaints ?? [];

describe('complaints', () => {
  it('needs escalation when already escalated, High and older than 2 days, or older than 14 days', () => {
    const complaints = complaintsOf([
      caseRow({ Id: 'escalated', AccountId: 'a', IsEscalated: true }),
      caseRow({ Id: 'high-old', AccountId: 'a', Priority: 'High', CreatedDate: instant(-3) }),
      caseRow({ Id: 'stale', AccountId: 'a', CreatedDate: instant(-15) }),
    ]);
    expect(complaints.map((c) => c.needs)).toEqual(['escalation', 'escalation', 'escalation']);
    expect(complaints[1]).toMatchObject({ ageDays: 3, priority: 'High', openedOn: '2025-06-13' });
  });

  it('needs a follow-up otherwise', () => {
    const complaints = complaintsOf([
      caseRow({ Id: 'high-new', AccountId: 'a', Priority: 'High', CreatedDate: instant(-2) }),
      caseRow({ Id: 'medium', AccountId: 'a', CreatedDate: instant(-14) }),
      caseRow({ Id: 'closed', AccountId: 'a', IsClosed: true, IsEscalated: true }),
    ]);
    expect(complaints.map((c) => [c.caseId, c.needs])).toEqual([
      ['high-new', 'follow_up'],
      ['medium', 'follow_up'],
    ]);
  });

  it('counts age in days of the org zone', () => {
    // 20:00 UTC on the day before yesterday is 04:00 Shanghai time yesterday.
    const [c] = complaintsOf([caseRow({ Id: 'c', AccountId: 'a', CreatedDate: '2025-06-14T20:00:00.000+0000' })]);
    expect(c).toMatchObject({ openedOn: '2025-06-15', ageDays: 1 });
  });

  it('survives unreadable dates and missing fields', () => {
    const [c] = complaintsOf([
      caseRow({
        Id: 'c',
        AccountId: 'a',
        CreatedDate: 'yesterday',
        Subject: null,
        CaseNumber: null,
        Status: null,
        Priority: null,
      }),
    ]);
    expect(c).toMatchObject({
      ageDays: 0,
      subject: '(no subject)',
      status: 'Open',
      priority: 'Medium',
      needs: 'follow_up',
    });
  });
});
