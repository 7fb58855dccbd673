import { describe, expect, it } from '@jest/globals';
import type { Connection as CoreConnection } from '@salesforce/core';
import type jsforce from 'jsforce';
import type { OrgConnection } from '../../../src/salesforce/connection.js';
import { orgCalendarInfo, resolveUser } from '../../../src/salesforce/reads/index.js';
import { baseAnswer, DEPARTING, fakeOrg, record } from './fakeConnection.js';

// Compile-time: both connections the product runs on satisfy the interface the readers use.
const fromJsforce = (conn: jsforce.Connection): OrgConnection => conn;
const fromCore = (conn: CoreConnection): OrgConnection => conn;

describe('OrgConnection', () => {
  it('is satisfied by jsforce and @salesforce/core connections (checked by the compiler)', () => {
    expect([fromJsforce, fromCore]).toHaveLength(2);
  });
});

describe('resolveUser', () => {
  it('finds a user by username (quoted safely) with the frozen flag from UserLogin, in 2 calls', async () => {
    const org = fakeOrg({ answer: baseAnswer });
    const user = await resolveUser(org.conn, " o'brien@example.com ");
    expect(user).toMatchObject({ Id: DEPARTING, Name: '王磊', IsActive: true, IsFrozen: true, UserRoleId: null });
    expect(org.queries()).toEqual([
      expect.stringContaining("FROM User WHERE Username = 'o\\'brien@example.com'"),
      expect.stringContaining(
        "FROM UserLogin WHERE UserId IN (SELECT Id FROM User WHERE Username = 'o\\'brien@example.com')",
      ),
    ]);
  });

  it('finds a user by Id; the frozen flag is unknown when UserLogin may not be read', async () => {
    const org = fakeOrg({
      answer: (object) =>
        object === 'UserLogin'
          ? { error: { errorCode: 'INVALID_TYPE', message: "sObject type 'UserLogin' is not supported." } }
          : baseAnswer(object),
    });
    const user = await resolveUser(org.conn, DEPARTING);
    expect(user?.Id).toBe(DEPARTING);
    expect(user).not.toHaveProperty('IsFrozen');
    expect(org.queries()[0]).toContain(`WHERE Id = '${DEPARTING}'`);
  });

  it('answers undefined for nobody, and passes other errors on', async () => {
    const none = fakeOrg({ answer: () => [] });
    expect(await resolveUser(none.conn, 'nobody@example.com')).toBeUndefined();
    const broken = fakeOrg({
      answer: (object) =>
        object === 'UserLogin' ? { error: { errorCode: 'SERVER_UNAVAILABLE', message: 'down' } } : baseAnswer(object),
    });
    await expect(resolveUser(broken.conn, DEPARTING)).rejects.toMatchObject({ code: 'ORG_ERROR' });
  });
});

describe('orgCalendarInfo', () => {
  it("gives the org's time zone and its all-day holidays of this and next year, sorted and distinct", async () => {
    const org = fakeOrg({
      answer: (object, soql) => {
        if (object !== 'Holiday') return baseAnswer(object);
        expect(soql).toContain('ActivityDate = THIS_YEAR OR ActivityDate = NEXT_YEAR');
        return [
          record('Holiday', { ActivityDate: '2027-01-01', IsAllDay: true }),
          record('Holiday', { ActivityDate: '2026-10-01', IsAllDay: true }),
          record('Holiday', { ActivityDate: '2026-10-01' }),
          record('Holiday', { ActivityDate: '2026-12-24', IsAllDay: false }), // a half day: still a working day
          record('Holiday', { ActivityDate: null }),
        ];
      },
    });
    expect(await orgCalendarInfo(org.conn)).toEqual({
      timeZone: 'Asia/Shanghai',
      holidays: ['2026-10-01', '2027-01-01'],
    });
    expect(org.log).toHaveLength(2);
  });
});
