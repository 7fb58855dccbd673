/** A small export (a handover with hostile text in it, two signatures, a chain) for the renderer tests. */
import type { ExportData } from '../../../src/salesforce/export/index.js';
import { view } from '../../commands/handover/fixtures.js';

export const CURRENT = 'a'.repeat(64);
export const OLD = 'd'.repeat(64);
export const SUCCESSOR = '005000000000003AAA';
export const DEPARTING = '005000000000002AAA';
export const MANAGER = '005000000000001AAA';

export function exportData(overrides: Partial<ExportData> = {}): ExportData {
  const base = view.handover;
  const item = base.items[0]!;
  return {
    exportedAt: '2026-11-27T08:00:00.000Z',
    exportedBy: MANAGER,
    role: 'manager',
    contentHash: CURRENT,
    chain: { ok: true, eventCount: 1, headHash: 'b'.repeat(64), problems: [] },
    users: {
      [MANAGER]: { id: MANAGER, name: '陈静', username: 'manager@handover.local' },
      [DEPARTING]: { id: DEPARTING, name: '王磊', username: 'departing@handover.local' },
      [SUCCESSOR]: { id: SUCCESSOR, name: '李娜 <b>', username: 'successor1@handover.local' },
    },
    handover: {
      ...base,
      items: [
        { ...item, notes: 'Says "yes", then, no\nnew line', riskNotes: '<script>alert(1)</script>' },
        { ...item, id: 'a01000000000002AAA', recordName: '华为技术有限公司', riskNotes: null },
      ],
      contactNotes: [
        {
          id: 'a02000000000001AAA',
          handoverId: base.header.id,
          contactId: '003000000000001AAA',
          contactName: '张伟 <i>',
          contactTitle: '采购总监',
          accountId: '001000000000001AAA',
          decisionRole: 'Decision_Maker',
          stance: 'Champion',
          caresAbout: '性价比 & price/performance',
          preferredChannel: 'WeChat',
          preferredTimes: null,
          topicsToAvoid: null,
          reportsToId: null,
          notes: null,
          confirmedByDeparting: true,
        },
      ],
      signatures: [
        {
          id: 'a03000000000001AAA',
          handoverId: base.header.id,
          signerId: DEPARTING,
          role: 'Departing',
          signedAt: '2026-11-26T10:00:00.000Z',
          contentHash: CURRENT,
          comment: 'All true',
        },
        {
          id: 'a03000000000002AAA',
          handoverId: base.header.id,
          signerId: SUCCESSOR,
          role: 'Successor',
          signedAt: '2026-11-26T11:00:00.000Z',
          contentHash: OLD,
          comment: null,
        },
      ],
      events: [
        {
          id: 'a04000000000001AAA',
          handoverId: base.header.id,
          actorId: MANAGER,
          action: 'handover.created',
          occurredAt: '2026-11-26T09:00:00.000Z',
          details: '{"itemCount":2}',
          contentHash: CURRENT,
          previousEventHash: null,
          eventHash: 'b'.repeat(64),
        },
      ],
    },
    maps: [
      {
        accountId: '001000000000001AAA',
        accountName: 'Acme, "Intl"',
        people: [
          {
            contactId: '003000000000001AAA',
            name: '张伟 <i>',
            title: '采购总监',
            reportsToId: null,
            decisionRole: 'Decision_Maker',
            stance: 'Champion',
            caresAbout: '性价比 & price/performance',
          },
        ],
      },
    ],
    crm: {
      accounts: [
        {
          Id: '001000000000001AAA',
          Name: 'Acme, "Intl"',
          Industry: 'Technology',
          Type: null,
          AnnualRevenue: 1000000,
          Description: null,
          OwnerId: DEPARTING,
          ParentId: null,
          Phone: null,
          Website: null,
          BillingCity: '上海',
          BillingCountry: '中国',
          Rating: 'Hot',
          LastActivityDate: null,
          Strategic: true,
        },
      ],
      contacts: [],
      opportunities: [],
      cases: [],
      activities: [],
      contracts: [],
    },
    ...overrides,
  };
}
