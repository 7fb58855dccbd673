import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { services } from '../../../src/cli/services.js';
import HandoverExport from '../../../src/commands/handover/export.js';
import { HandoverError } from '../../../src/salesforce/service/index.js';
import { exportData } from '../../salesforce/export/fixtures.js';
import { commandContext, HANDOVER_ID } from './fixtures.js';

describe('handover export', () => {
  const ctx = commandContext();
  const { $$ } = ctx;
  let dir: string;
  const argv = (...extra: string[]): string[] => [
    '--target-org',
    ctx.testOrg.username,
    '--handover',
    HANDOVER_ID,
    '--output-dir',
    dir,
    ...extra,
  ];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'handover-export-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the JSON file and returns path, bytes, rows, sha256 and the content hash', async () => {
    const stub = $$.SANDBOX.stub(services, 'collectExport').resolves(exportData());
    const result = await HandoverExport.run(argv('--format', 'json'), ctx.config());
    expect(stub.firstCall.args[1]).toEqual({ handoverId: HANDOVER_ID });
    expect(result).toMatchObject({
      handoverId: HANDOVER_ID,
      format: 'json',
      contentHash: 'a'.repeat(64),
      chainOk: true,
    });
    expect(result.files).toHaveLength(1);
    const [file] = result.files;
    expect(file!.path).toBe(join(dir, 'handover-HO-0001.json'));
    expect(file!.bytes).toBe(statSync(file!.path).size);
    expect(file!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(readFileSync(file!.path, 'utf8'))).toMatchObject({ format: 'handover-export' });
    // Reading the book shows a spinner, stopped once it is read.
    expect(ctx.spinner().start.firstCall.args[0]).toBe("Reading the handover and the departing rep's CRM data");
    expect(ctx.spinner().stop.called).toBe(true);
    expect(ctx.output()).toContain('Content hash: ' + 'a'.repeat(64));
    // One of the two signatures covers older content.
    expect(ctx.output()).toContain('1 signature(s) do not cover the current content');
  });

  it('writes one CSV per table and an HTML page into a folder it creates', async () => {
    $$.SANDBOX.stub(services, 'collectExport').resolves(exportData());
    const nested = join(dir, 'archive', '2026');
    const into = (format: string): string[] => [
      '--target-org',
      ctx.testOrg.username,
      '--handover',
      HANDOVER_ID,
      '--output-dir',
      nested,
      '--format',
      format,
    ];
    const csv = await HandoverExport.run(into('csv'), ctx.config());
    expect(csv.files.map((f) => f.rows)).toEqual([1, 2, 1, 2, 1, 1, 0, 0, 0, 0, 0]);
    const html = await HandoverExport.run(into('html'), ctx.config());
    expect(readdirSync(nested)).toHaveLength(12);
    expect(readFileSync(html.files[0]!.path, 'utf8')).toContain('Signatures / 签名');
  });

  it('refuses to overwrite existing files without --force, and writes none of them', async () => {
    $$.SANDBOX.stub(services, 'collectExport').resolves(exportData());
    const existing = join(dir, 'handover-HO-0001-items.csv');
    writeFileSync(existing, 'keep me');
    await expect(HandoverExport.run(argv('--format', 'csv'), ctx.config())).rejects.toMatchObject({
      name: 'FILES_EXIST',
      message: expect.stringContaining(existing),
      actions: [expect.stringContaining('--force'), expect.stringContaining('--output-dir')],
    });
    expect(readFileSync(existing, 'utf8')).toBe('keep me');
    expect(readdirSync(dir)).toEqual(['handover-HO-0001-items.csv']);

    const forced = await HandoverExport.run(argv('--format', 'csv', '--force'), ctx.config());
    expect(forced.files).toHaveLength(11);
    expect(readFileSync(existing, 'utf8')).toContain('category');
  });

  it('warns when the audit log does not verify', async () => {
    $$.SANDBOX.stub(services, 'collectExport').resolves(
      exportData({
        chain: {
          ok: false,
          eventCount: 1,
          headHash: null,
          problems: [{ code: 'ALTERED', eventId: null, message: 'x' }],
        },
      }),
    );
    const result = await HandoverExport.run(argv('--format', 'json'), ctx.config());
    expect(result.chainOk).toBe(false);
    expect(ctx.output()).toContain('The audit log does not verify');
  });

  it('reports NOT_A_PARTY with its actions and writes nothing', async () => {
    $$.SANDBOX.stub(services, 'collectExport').rejects(
      new HandoverError('NOT_A_PARTY', 'You are not a party.', { actions: ['Open a handover you are part of.'] }),
    );
    await expect(HandoverExport.run(argv('--format', 'html'), ctx.config())).rejects.toMatchObject({
      name: 'NOT_A_PARTY',
      actions: ['Open a handover you are part of.'],
    });
    expect(ctx.spinner().stop.called).toBe(true);
    expect(existsSync(join(dir, 'handover-HO-0001.html'))).toBe(false);
  });
});
