/** startHandover against a fake connection and fake reads: the mapping from a hand-built book to the rows written. */
import type { UserRow } from '../../../src/core/model.js';
import type { BookReads } from '../../../src/salesforce/service/deps.js';
import {
  HandoverError,
  MANUAL_TEMPLATES,
  startHandover,
  type StartInput,
} from '../../../src/salesforce/service/index.js';
import { computeContentHash } from '../../../src/salesforce/store/content.js';
import { to18 } from '../../../src/salesforce/store/ids.js';
import { contactNoteSchema, itemSchema, toContactNote, toItem } from '../../../src/salesforce/store/rows.js';
import { FakeConnection } from '../store/fakeConnection.js';
import { A1, A2, book, D, M, O3, S1, S2, sid, user, USERS } from './book.js';

const PROFILE = sid('00e', 1);
const NOW = new Date('2025-06-16T02:00:00Z'); // Monday 16 June 2025, 10:00 in Shanghai: the book's "today"

const reads = (users: Record<string, UserRow> = USERS): BookReads => ({
  resolveUser: (_conn, ref) => Promise.resolve(users[ref] ?? Object.values(users).find((u) => u.Id === to18(ref))),
  orgCalendarInfo: () => Promise.resolve({ timeZone: 'Asia/Shanghai', holidays: [] }),
  readBookOfBusiness: () => Promise.resolve({ snapshot: book(), stats: { apiCalls: 7 } }),
});

type Setup = {
  userTypes?: Record<string, string>;
  apiEnabled?: boolean;
  grants?: { AssigneeId: string; PermissionSetId: string }[];
  objectPermissions?: unknown[];
};

/** Answers the setup queries of the successor checks; everything else reads as empty. */
function connection(setup: Setup = {}): FakeConnection {
  return new FakeConnection({
    userId: M,
    query: (soql) => {
      const ids = [...soql.matchAll(/'(005[0-9A-Za-z]{15})'/g)].map((m) => m[1] ?? '');
      if (soql.startsWith('SELECT Id, UserType, ProfileId FROM User')) {
        return ids.map((Id) => ({ Id, UserType: setup.userTypes?.[Id] ?? 'Standard', ProfileId: PROFILE }));
      }
      if (soql.includes('FROM Profile')) return [{ Id: PROFILE, PermissionsApiEnabled: setup.apiEnabled ?? true }];
      if (soql.startsWith('SELECT AssigneeId, PermissionSetId FROM PermissionSetAssignment')) return setup.grants ?? [];
      if (soql.includes('FROM PermissionSet WHERE')) return [{ Id: sid('0PS', 1), PermissionsApiEnabled: true }];
      if (soql.includes('FROM ObjectPermissions')) {
        if (setup.objectPermissions === undefined)
          throw Object.assign(new Error("sObject type 'ObjectPermissions' is not supported"), {
            errorCode: 'INVALID_TYPE',
          });
        return setup.objectPermissions;
      }
      return [];
    },
  });
}

const input = (over: Partial<StartInput> = {}): StartInput => ({
  departing: 'departing@x.test',
  successors: ['s1@x.test', 's2@x.test'],
  split: { kind: 'manual', assignments: { [A1]: 's1@x.test', [A2]: S2 } },
  lastWorkingDay: '2025-06-30',
  reason: 'Transfer',
  ...over,
});

async function thrown(promise: Promise<unknown>): Promise<HandoverError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HandoverError) return error;
    throw error;
  }
  throw new Error('expected a HandoverError');
}

describe('startHandover (fake org)', () => {
  it('writes one item per owned record plus module D, split by hand, with a hash that the rows reproduce', async () => {
    const conn = connection();
    const result = await startHandover(conn, input(), { reads: reads(), now: () => NOW });
    const items = conn.rows('Handover_Item__c');
    expect(items).toHaveLength(15 + MANUAL_TEMPLATES.length);
    const successorOf = (recordId: string) => items.find((i) => i.Record_Id__c === recordId)?.Successor__c;
    expect(successorOf(A1)).toBe(S1);
    expect(successorOf(A2)).toBe(S2);
    expect(successorOf(O3)).toBe(S1); // an account not named in the split: the first successor
    expect(items.every((i) => i.Previous_Owner__c === D)).toBe(true);

    const [header] = conn.rows('Handover__c');
    expect(header).toMatchObject({
      Departing_User__c: D,
      Manager__c: M,
      Status__c: 'Draft',
      Reason__c: 'Transfer',
      Successor_Ids__c: `${S1},${S2}`,
      Last_Working_Day__c: '2025-06-30',
      Review_Due__c: '2025-06-19',
      Transition_End__c: '2025-07-30',
      Content_Hash__c: result.contentHash,
    });
    const summary = JSON.parse(String(header?.Summary__c)) as { split: string; keyAccounts: { id: string }[] };
    expect(summary.split).toBe('manual');
    expect(summary.keyAccounts.map((k) => k.id)).toEqual([A1, A2]);

    // The hash recomputed from the rows as the org would return them.
    const rows = items.map((r) => toItem(itemSchema.parse(r)));
    const notes = conn.rows('Handover_Contact__c').map((r) => toContactNote(contactNoteSchema.parse(r)));
    const hash = computeContentHash(
      { departingUserId: D, successorIds: [S1, S2], lastWorkingDay: '2025-06-30', reason: 'Transfer' },
      rows,
      notes,
    );
    expect(hash).toBe(result.contentHash);

    expect(conn.rows('Handover_Event__c')).toEqual([
      expect.objectContaining({ Action__c: 'handover.created', Actor__c: M, Content_Hash__c: result.contentHash }),
    ]);
    expect(result).toMatchObject({
      status: 'Draft',
      manager: { id: M },
      counts: {
        Account: 2,
        Opportunity: 3,
        Case: 2,
        Task: 2,
        Event: 2,
        Contract: 1,
        ContentDocument: 1,
        Contact: 1,
        Lead: 1,
      },
      transfer: { pending: 11, notPlanned: 4 + MANUAL_TEMPLATES.length },
      readStats: { apiCalls: 7 },
    });
    expect(result.successors.map((s) => [s.id, s.accountCount])).toEqual([
      [S1, 1],
      [S2, 1],
    ]);
    // The lead has no account: it goes to the first successor, with a warning.
    expect(result.warnings.map((w) => w.code).sort()).toEqual([
      'access_partially_checked',
      'not_shared',
      'unassigned_records',
    ]);
  });

  it('warns when the last day is close', async () => {
    const tight = await startHandover(connection(), input({ lastWorkingDay: '2025-06-20' }), {
      reads: reads(),
      now: () => NOW,
    });
    expect(tight.deadlines.businessDaysUntilLastDay).toBe(4);
    expect(tight.warnings.map((w) => w.code)).toContain('tight');
  });

  it('splits evenly by revenue', async () => {
    const result = await startHandover(connection(), input({ split: { kind: 'even' } }), {
      reads: reads(),
      now: () => NOW,
    });
    expect(result.successors.every((s) => s.accountCount > 0 && s.itemCount > 0)).toBe(true);
  });

  it('refuses before any write', async () => {
    const conn = connection();
    const error = await thrown(
      startHandover(conn, input({ lastWorkingDay: '2025-06-13' }), { reads: reads(), now: () => NOW }),
    );
    expect(error.code).toBe('LAST_DAY_IN_PAST');
    expect(conn.calls.filter((c) => c.kind === 'request' && typeof c.request !== 'string')).toEqual([]);
  });

  describe('successors who cannot own the records', () => {
    const refused = async (setup: Setup): Promise<HandoverError> => {
      const conn = connection(setup);
      const error = await thrown(startHandover(conn, input(), { reads: reads(), now: () => NOW }));
      expect(conn.rows('Handover__c')).toEqual([]);
      return error;
    };

    it('refuses a user who is not a standard user', async () => {
      const error = await refused({ userTypes: { [S2]: 'PowerPartner' } });
      expect(error).toMatchObject({ code: 'SUCCESSOR_CANNOT_OWN', data: { userId: S2 } });
    });

    it('refuses a user without API access, and accepts one who has it through a permission set', async () => {
      expect((await refused({ apiEnabled: false })).code).toBe('SUCCESSOR_CANNOT_OWN');
      const grants = [S1, S2].map((AssigneeId) => ({ AssigneeId, PermissionSetId: sid('0PS', 1) }));
      const ok = await startHandover(connection({ apiEnabled: false, grants }), input(), {
        reads: reads(),
        now: () => NOW,
      });
      expect(ok.status).toBe('Draft');
    });

    it('refuses a user who cannot read the objects of a book, where the org shows object permissions', async () => {
      const grants = [S1, S2].map((AssigneeId) => ({ AssigneeId, PermissionSetId: sid('0PS', 1) }));
      const all = ['Account', 'Contact', 'Opportunity', 'Case', 'Contract'].map((SobjectType) => ({
        ParentId: sid('0PS', 1),
        SobjectType,
      }));
      const error = await refused({ grants, objectPermissions: all.filter((p) => p.SobjectType !== 'Opportunity') });
      expect(error.message).toContain('cannot read Opportunity');
      const ok = await startHandover(connection({ grants, objectPermissions: all }), input(), {
        reads: reads(),
        now: () => NOW,
      });
      expect(ok.warnings.map((w) => w.code)).not.toContain('access_partially_checked');
    });
  });

  it('lets a frozen or inactive rep be handed over, with a warning', async () => {
    const users = { ...USERS, 'departing@x.test': user(D, 'departing@x.test', { ManagerId: M, IsActive: false }) };
    const result = await startHandover(connection(), input(), { reads: reads(users), now: () => NOW });
    expect(result.warnings.map((w) => w.code)).toContain('departing_inactive');
  });
});
