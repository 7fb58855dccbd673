/** The store against a fake OrgConnection: chunked writes, clean-up on failure, Id checks, paged reads. */
import { z } from 'zod';
import { COLLECTION_CHUNK, insertRecords } from '../../../src/salesforce/store/collections.js';
import { HandoverError } from '../../../src/salesforce/store/errors.js';
import {
  insertHandover,
  listHandovers,
  loadHeader,
  requireHandoverId,
  updateHandoverHeader,
  writeHandover,
} from '../../../src/salesforce/store/handovers.js';
import type { HandoverDraft } from '../../../src/salesforce/store/model.js';
import { queryAll } from '../../../src/salesforce/store/query.js';
import { DEFAULT_OBJECTS, FakeConnection } from './fakeConnection.js';

const MANAGER = '005000000000002AAA';
const DEPARTING = '005000000000003AAA';
const SUCCESSOR = '005000000000004AAA';

function draft(items: number): HandoverDraft {
  return {
    header: {
      departingUserId: DEPARTING,
      managerId: MANAGER,
      status: 'Draft',
      lastWorkingDay: '2026-07-01',
      reason: 'Resignation',
      successorIds: [SUCCESSOR],
      completeness: 80,
      gapCount: 2,
      reviewDue: '2026-06-18',
      transitionEnd: '2026-08-03',
      overrideReason: null,
      approvedAt: null,
      summary: null,
      contentHash: 'c'.repeat(64),
    },
    items: Array.from({ length: items }, (_, i) => ({
      category: 'Record' as const,
      objectType: 'Account',
      recordId: `001${String(i).padStart(12, '0')}AAA`,
      successorId: SUCCESSOR,
    })),
    contactNotes: [{ contactId: '003000000000001AAA' }],
    createdEvent: {
      action: 'handover.created',
      actorId: MANAGER,
      at: '2026-06-15T02:00:00Z',
      contentHash: 'c'.repeat(64),
      details: {},
    },
    shareWith: [DEPARTING, SUCCESSOR],
  };
}

async function thrown(promise: Promise<unknown>): Promise<HandoverError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HandoverError) return error;
    throw error;
  }
  throw new Error('expected a HandoverError');
}

describe('sObject Collections writes', () => {
  it('sends chunks of 200 with allOrNone and returns the Ids in order', async () => {
    const conn = new FakeConnection();
    const records = Array.from({ length: 450 }, (_, i) => ({ Name: `r${i}` }));
    const progress: number[] = [];
    const ids = await insertRecords(conn, 'Handover_Item__c', records, (done) => progress.push(done));
    expect(ids).toHaveLength(450);
    expect(new Set(ids).size).toBe(450);
    const bodies = conn.calls.map(
      (c) => JSON.parse((c.request as { body: string }).body) as { allOrNone: boolean; records: unknown[] },
    );
    expect(bodies.map((b) => b.records.length)).toEqual([COLLECTION_CHUNK, COLLECTION_CHUNK, 50]);
    expect(bodies.every((b) => b.allOrNone)).toBe(true);
    expect(progress).toEqual([200, 400, 450]);
  });

  it('reports the real error of a failed chunk, not the rolled-back ones', async () => {
    const conn = new FakeConnection({
      beforeWrite: () => [
        {
          id: null,
          success: false,
          errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: 'rolled back' }],
        },
        {
          id: null,
          success: false,
          errors: [{ statusCode: 'STRING_TOO_LONG', message: 'Notes: too long', fields: ['Notes__c'] }],
        },
      ],
    });
    const error = await thrown(insertRecords(conn, 'Handover_Item__c', [{}, {}]));
    expect(error.code).toBe('WRITE_FAILED');
    expect(error.message).toContain('STRING_TOO_LONG');
    expect(error.data.failures).toEqual([
      { index: 1, statusCode: 'STRING_TOO_LONG', message: 'Notes: too long', fields: ['Notes__c'] },
    ]);
  });
});

describe('insertHandover', () => {
  it('writes the header, the items in chunks, the notes, the hash and the first event, in that order', async () => {
    const conn = new FakeConnection();
    const id = await insertHandover(conn, draft(250));
    const header = conn.rows('Handover__c')[0];
    expect(header).toMatchObject({
      Id: id,
      Departing_User__c: DEPARTING,
      Successor_Ids__c: SUCCESSOR,
      Content_Hash__c: 'c'.repeat(64),
    });
    const items = conn.rows('Handover_Item__c');
    expect(items).toHaveLength(250);
    // Every field is named on insert: no picklist default of the org slips into the hashed content.
    expect(items[0]).toMatchObject({
      Handover__c: id,
      Priority__c: null,
      State__c: null,
      Confirmed_By_Departing__c: false,
    });
    expect(conn.rows('Handover_Contact__c')).toEqual([expect.objectContaining({ Handover__c: id, Stance__c: null })]);
    expect(conn.rows('Handover_Event__c')).toEqual([
      expect.objectContaining({ Handover__c: id, Action__c: 'handover.created', Previous_Event_Hash__c: null }),
    ]);
    const methods = conn.calls
      .filter((c) => c.kind === 'request')
      .map((c) => {
        const r = c.request as { method: string; body?: string };
        return `${r.method} ${(JSON.parse(r.body ?? '{"records":[]}') as { records: { attributes: { type: string } }[] }).records[0]?.attributes.type ?? ''}`;
      });
    expect(methods).toEqual([
      'POST Handover__c',
      'POST Handover_Item__c',
      'POST Handover_Item__c',
      'POST Handover_Contact__c',
      'PATCH Handover__c',
      'POST Handover_Event__c',
    ]);
  });

  it('shares the handover with the parties where the org has Handover__Share (not with its owner)', async () => {
    const conn = new FakeConnection({
      objects: [{ name: 'Handover__Share', keyPrefix: 'a06' }, ...DEFAULT_OBJECTS],
      query: (soql) => (soql.includes('FROM Handover__Share') ? [{ UserOrGroupId: SUCCESSOR }] : []),
    });
    const { id, sharing } = await writeHandover(conn, { ...draft(1), shareWith: [MANAGER, DEPARTING, SUCCESSOR] });
    expect(sharing).toEqual({ shared: true, userIds: [DEPARTING] });
    expect(conn.rows('Handover__Share')).toEqual([
      expect.objectContaining({ ParentId: id, UserOrGroupId: DEPARTING, AccessLevel: 'Edit', RowCause: 'Manual' }),
    ]);
    expect((await writeHandover(new FakeConnection(), draft(1))).sharing).toEqual({
      shared: false,
      reason: 'no_share_object',
    });
  });

  it('deletes a half-written handover when a chunk fails, and says nothing was kept', async () => {
    const conn = new FakeConnection({
      beforeWrite: (method, type, _records, call) =>
        method === 'POST' && type === 'Handover_Item__c' && call === 2
          ? [{ id: null, success: false, errors: [{ statusCode: 'UNABLE_TO_LOCK_ROW', message: 'locked' }] }]
          : undefined,
    });
    const error = await thrown(insertHandover(conn, draft(450)));
    expect(error.code).toBe('WRITE_FAILED');
    expect(error.data.cleanedUp).toBe(true);
    const headerId = conn.rows('Handover__c')[0]?.Id;
    expect(conn.deleted).toEqual([headerId]);
    expect(conn.rows('Handover_Event__c')).toEqual([]);
  });

  it('names the handover when even the clean-up fails (PARTIAL_WRITE)', async () => {
    const conn = new FakeConnection({
      beforeWrite: (method, type) => {
        if (method === 'POST' && type === 'Handover_Contact__c') throw new Error('connection reset');
        if (method === 'DELETE')
          return [{ id: null, success: false, errors: [{ statusCode: 'INSUFFICIENT_ACCESS', message: 'no' }] }];
        return undefined;
      },
    });
    const error = await thrown(insertHandover(conn, draft(3)));
    expect(error.code).toBe('PARTIAL_WRITE');
    expect(error.data.handoverId).toBe(conn.rows('Handover__c')[0]?.Id);
    expect(error.actions[0]).toContain('Cancel');
    // The header never got its content hash: the handover stays marked incomplete.
    expect(conn.rows('Handover__c')[0]?.Content_Hash__c).toBeNull();
  });
});

describe('handover Ids', () => {
  it('refuses the Id of another object before any read or write', async () => {
    const conn = new FakeConnection();
    const error = await thrown(updateHandoverHeader(conn, '001000000000001AAA', { status: 'Cancelled' }));
    expect(error).toMatchObject({ code: 'WRONG_OBJECT', data: { object: 'Account' } });
    expect(conn.calls).toEqual([]);
  });

  it('accepts 15-character Ids and refuses text that is no Id', async () => {
    const conn = new FakeConnection();
    expect(await requireHandoverId(conn, 'a01000000000001')).toBe('a01000000000001AAA');
    expect((await thrown(requireHandoverId(conn, "a01' OR Id != '"))).code).toBe('INVALID_INPUT');
  });

  it('says when a handover is not there or not shared', async () => {
    const error = await thrown(loadHeader(new FakeConnection(), 'a01000000000009AAA'));
    expect(error.code).toBe('HANDOVER_NOT_FOUND');
    expect(error.actions.length).toBeGreaterThan(0);
  });
});

describe('reads', () => {
  it('follows every page and validates every row', async () => {
    const conn = new FakeConnection({
      query: (soql) =>
        soql.startsWith('/next')
          ? { totalSize: 3, done: true, records: [{ Id: 'c' }] }
          : { totalSize: 3, done: false, nextRecordsUrl: '/next/1', records: [{ Id: 'a' }, { Id: 'b' }] },
    });
    expect(await queryAll(conn, 'SELECT Id FROM X', z.object({ Id: z.string() }), 'x rows')).toEqual([
      { Id: 'a' },
      { Id: 'b' },
      { Id: 'c' },
    ]);
    const bad = new FakeConnection({ query: () => [{ Id: 42 }] });
    const error = await thrown(queryAll(bad, 'SELECT Id FROM X', z.object({ Id: z.string() }), 'x rows'));
    expect(error.code).toBe('INVALID_ROW');
  });

  it('lists handovers with the filters quoted safely, newest first', async () => {
    const conn = new FakeConnection();
    await listHandovers(conn, { status: ['Draft', 'Approved'], departingUserId: DEPARTING.slice(0, 15), limit: 5 });
    expect(conn.calls[0]?.soql).toMatch(
      /WHERE Status__c IN \('Draft','Approved'\) AND Departing_User__c = '005000000000003AAA' ORDER BY CreatedDate DESC, Name DESC LIMIT 5$/,
    );
  });
});
