import { services } from '../../../src/cli/services.js';
import HandoverStart from '../../../src/commands/handover/start.js';
import { HandoverError } from '../../../src/salesforce/service/index.js';
import { commandContext, HANDOVER_ID, startResult } from './fixtures.js';

describe('handover start', () => {
  const ctx = commandContext();
  const { $$ } = ctx;

  const argv = (...extra: string[]): string[] => [
    '--target-org',
    ctx.testOrg.username,
    '--user',
    'departing@handover.local',
    '--successor',
    'successor1@handover.local',
    '--successor',
    'successor2@handover.local',
    '--last-day',
    '2026-12-31',
    ...extra,
  ];

  it('maps the flags to the service input and returns its result', async () => {
    const stub = $$.SANDBOX.stub(services, 'startHandover').resolves(startResult);
    const result = await HandoverStart.run(argv('--split', 'single', '--reason', 'transfer'), ctx.config());
    expect(result).toEqual(startResult);
    expect(stub.calledOnce).toBe(true);
    expect(stub.firstCall.args[1]).toMatchObject({
      departing: 'departing@handover.local',
      successors: ['successor1@handover.local', 'successor2@handover.local'],
      split: { kind: 'single' },
      lastWorkingDay: '2026-12-31',
      reason: 'Transfer',
    });
  });

  it('defaults to an even split and resignation', async () => {
    const stub = $$.SANDBOX.stub(services, 'startHandover').resolves(startResult);
    await HandoverStart.run(argv(), ctx.config());
    expect(stub.firstCall.args[1]).toMatchObject({ split: { kind: 'even' }, reason: 'Resignation' });
  });

  it('prints the id, counts, successors, completeness with the top gaps, deadlines and warnings', async () => {
    $$.SANDBOX.stub(services, 'startHandover').resolves(startResult);
    await HandoverStart.run(argv(), ctx.config());
    const out = ctx.output();
    expect(out).toContain(HANDOVER_ID);
    expect(out).toContain('Completeness: 80% (8 of 10 checks passed)');
    expect(out).toContain(
      `"sf handover show --handover ${HANDOVER_ID} --section relationships", then "sf handover contact"`,
    );
    expect(out).toContain(`"sf handover note --handover ${HANDOVER_ID} --confirm"`);
    expect(out).toContain('Gap number 4');
    expect(out).not.toContain('Gap number 5');
    expect(out).toContain('2 more gap(s)');
    expect(out).toContain('review due 2026-12-01');
    expect(out).toContain('Key accounts (1): Acme');
    expect(out).toContain('Only 2 business day(s)');
    const tables = ctx.ux().table.args.map(([options]) => options.data);
    expect(tables).toEqual([
      [
        { object: 'Account', count: 3 },
        { object: 'Opportunity', count: 4 },
      ],
      [{ successor: 'successor1@handover.local', accounts: 3, items: 12, revenue: '1,000' }],
    ]);
  });

  it('turns a HandoverError into an SfError named by its code, with its actions', async () => {
    $$.SANDBOX.stub(services, 'startHandover').rejects(
      new HandoverError('LAST_DAY_IN_PAST', 'The last working day is before today.', {
        actions: ['Give the real last working day.'],
      }),
    );
    await expect(HandoverStart.run(argv(), ctx.config())).rejects.toMatchObject({
      name: 'LAST_DAY_IN_PAST',
      message: 'The last working day is before today.',
      actions: ['Give the real last working day.'],
      exitCode: 1,
    });
  });

  it('rejects an unknown reason before calling the service', async () => {
    const stub = $$.SANDBOX.stub(services, 'startHandover').resolves(startResult);
    await expect(HandoverStart.run(argv('--reason', 'bored'), ctx.config())).rejects.toThrow();
    expect(stub.called).toBe(false);
  });
});
