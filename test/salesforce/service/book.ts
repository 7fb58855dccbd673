/** A small hand-built book of business with Id-shaped Ids, for the service unit tests. */
import type { CrmSnapshot, UserRow } from '../../../src/core/model.js';
import { to18 } from '../../../src/salesforce/store/ids.js';
import {
  account,
  caseRow,
  contact,
  contract,
  day,
  event,
  file,
  notes,
  opportunity,
  relation,
  snapshot,
  task,
  TODAY,
  won,
  ZONE,
} from '../../core/build/fixtures.js';

/** An 18-character Id of `prefix` numbered `n`, with its case-safe suffix. */
export const sid = (prefix: string, n: number): string => to18(`${prefix}${String(n).padStart(12, '0')}`) ?? '';

export const D = sid('005', 1); // departing
export const M = sid('005', 2); // manager
export const S1 = sid('005', 3);
export const S2 = sid('005', 4);
export const OTHER = sid('005', 9);

export const A1 = sid('001', 1); // key (strategic), owned
export const A2 = sid('001', 2); // owned
export const F = sid('001', 3); // someone else's account where the rep has an open deal
export const C1 = sid('003', 1);
export const C2 = sid('003', 2);
export const O1 = sid('006', 1); // open, close date passed, on A1
export const O2 = sid('006', 2); // won, on A1
export const O3 = sid('006', 3); // open, on F
export const K1 = sid('500', 1); // open escalated case on A2
export const K2 = sid('500', 2); // closed case
export const T1 = sid('00T', 1); // open task
export const T2 = sid('00T', 2); // completed task
export const E1 = sid('00U', 1); // upcoming event
export const E2 = sid('00U', 2); // past event
export const CT = sid('800', 1); // contract ending in 20 days
export const DOC = sid('069', 1);
export const LEAD = sid('00Q', 1);

export function user(Id: string, Username: string, over: Partial<UserRow> = {}): UserRow {
  return {
    Id,
    Name: Username.split('@')[0] ?? Username,
    Username,
    IsActive: true,
    IsFrozen: false,
    ManagerId: null,
    UserRoleId: null,
    TimeZoneSidKey: ZONE,
    LanguageLocaleKey: 'zh_CN',
    ...over,
  };
}

export const USERS: Record<string, UserRow> = {
  'departing@x.test': user(D, 'departing@x.test', { ManagerId: M }),
  'manager@x.test': user(M, 'manager@x.test'),
  's1@x.test': user(S1, 's1@x.test'),
  's2@x.test': user(S2, 's2@x.test'),
};

export function book(): CrmSnapshot {
  const mine = { OwnerId: D };
  return {
    ...snapshot({
      accounts: [
        account({ Id: A1, Name: 'Acme 上海', Strategic: true, AnnualRevenue: 5_000_000, ...mine }),
        account({ Id: A2, Name: 'Beta', AnnualRevenue: 1_000_000, ...mine }),
        account({ Id: F, Name: 'Foreign', OwnerId: OTHER }),
      ],
      contacts: [
        contact({ Id: C1, AccountId: A1, Name: '李总', Title: 'CEO', ...mine }),
        contact({ Id: C2, AccountId: A1, Name: 'Wang', Title: 'Engineer', OwnerId: OTHER }),
      ],
      accountContactRelations: [relation({ AccountId: A1, ContactId: C1, Roles: ['Economic Buyer'], IsDirect: true })],
      opportunities: [
        opportunity({ Id: O1, AccountId: A1, CloseDate: day(-5), NextStep: 'Send quote', ...mine }),
        won({ Id: O2, AccountId: A1, ...mine }),
        opportunity({ Id: O3, AccountId: F, ...mine }),
      ],
      cases: [
        caseRow({ Id: K1, AccountId: A2, IsEscalated: true, Status: 'Working', ...mine }),
        caseRow({ Id: K2, AccountId: A2, IsClosed: true, Status: 'Closed', ...mine }),
      ],
      activities: [
        task({ Id: T1, WhatId: A2, Status: 'Waiting on someone else', Priority: 'High', ...mine }),
        task({ Id: T2, WhatId: A2, IsClosed: true, Status: 'Completed', ActivityDate: day(-3), ...mine }),
        event({ Id: E1, WhatId: A1, offset: 2, ...mine }),
        event({ Id: E2, WhatId: A1, offset: -2, ...mine }),
      ],
      contracts: [contract({ Id: CT, AccountId: A1, EndDate: day(20), ...mine })],
      files: [file({ ContentDocumentId: DOC, LinkedEntityId: O1, ...mine })],
      otherOwned: [{ Id: LEAD, objectType: 'Lead', Name: 'New lead' }],
      contactNotes: [notes({ contactId: C1, stance: 'Champion', preferredChannel: 'Fax' })],
    }),
    departing: USERS['departing@x.test']!,
    today: TODAY,
    timeZone: ZONE,
  };
}
