import { buildHandover } from '../../../src/core/build/index.js';
import { accountStage, isNegotiating, stagePosition } from '../../../src/core/build/stage.js';
import { account, contract, day, opportunity, snapshot, TODAY } from './fixtures.js';

const stageOf = (parts: Parameters<typeof snapshot>[0]) =>
  buildHandover(snapshot({ accounts: [account({ Id: 'a' })], ...parts })).accounts[0]?.stage;

describe('account stage', () => {
  it('is under contract with a current Activated contract', () => {
    expect(stageOf({ contracts: [contract({ Id: 'k', AccountId: 'a' })] })).toBe('under_contract');
  });

  it('is not under contract with an ended, future, or draft contract', () => {
    const contracts = [
      contract({ Id: 'k1', AccountId: 'a', EndDate: day(-1) }),
      contract({ Id: 'k2', AccountId: 'a', StartDate: day(1) }),
      contract({ Id: 'k3', AccountId: 'a', Status: 'Draft' }),
    ];
    expect(stageOf({ contracts })).toBe('prospect');
  });

  it('counts a contract without dates as current', () => {
    expect(stageOf({ contracts: [contract({ Id: 'k', AccountId: 'a', StartDate: null, EndDate: null })] })).toBe(
      'under_contract',
    );
  });

  it('is negotiating with an open deal at or past Proposal/Price Quote', () => {
    for (const StageName of ['Proposal/Price Quote', 'Negotiation/Review']) {
      expect(stageOf({ opportunities: [opportunity({ Id: 'o', AccountId: 'a', StageName })] })).toBe('negotiating');
    }
  });

  it('is a prospect with only early or closed deals', () => {
    const opportunities = [
      opportunity({ Id: 'o1', AccountId: 'a', StageName: 'Value Proposition', Probability: 50 }),
      opportunity({ Id: 'o2', AccountId: 'a', StageName: 'Closed Won', IsClosed: true, IsWon: true }),
    ];
    expect(stageOf({ opportunities })).toBe('prospect');
  });

  it('uses the probability for a custom stage', () => {
    expect(isNegotiating(opportunity({ Id: 'o', StageName: '商务谈判', Probability: 60 }))).toBe(true);
    expect(isNegotiating(opportunity({ Id: 'o', StageName: '初步接触', Probability: 20 }))).toBe(false);
    expect(isNegotiating(opportunity({ Id: 'o', StageName: '初步接触', Probability: null }))).toBe(false);
  });

  it('prefers under contract over negotiating', () => {
    const contracts = [contract({ Id: 'k', AccountId: 'a' })];
    const opportunities = [opportunity({ Id: 'o', AccountId: 'a', StageName: 'Negotiation/Review' })];
    expect(accountStage(contracts, opportunities, TODAY)).toBe('under_contract');
  });

  it('knows the standard stage order', () => {
    expect(stagePosition('Prospecting')).toBe(0);
    expect(stagePosition('negotiation/review')).toBe(7);
    expect(stagePosition('Custom')).toBeNull();
  });
});
