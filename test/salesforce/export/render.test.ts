import { BOM, parseCsv } from '../../../src/core/csv.js';
import { htmlLabels } from '../../../src/commands/handover/export.js';
import {
  escapeHtml,
  exportDocument,
  HTML_LABEL_KEYS,
  renderExport,
  type ExportFile,
} from '../../../src/salesforce/export/index.js';
import { CURRENT, exportData, OLD } from './fixtures.js';

const labels = htmlLabels();

function fileNamed(files: ExportFile[], suffix: string): ExportFile {
  const file = files.find((f) => f.name.endsWith(suffix));
  if (!file) throw new Error(`no file ${suffix} in ${files.map((f) => f.name).join(', ')}`);
  return file;
}

describe('export renderers', () => {
  it('every HTML label is bilingual (English / 中文)', () => {
    for (const key of HTML_LABEL_KEYS) expect(labels[key]).toMatch(/\/.*[\u4e00-\u9fff（]/);
    expect(labels.signatures).toBe('Signatures / 签名');
  });

  describe('json', () => {
    it('writes one file with the handover, the signatures marked current or stale, the chain and the CRM data', () => {
      const files = renderExport(exportData(), 'json', labels);
      expect(files.map((f) => f.name)).toEqual(['handover-HO-0001.json']);
      const doc = JSON.parse(files[0]!.content) as ReturnType<typeof exportDocument>;
      expect(doc).toMatchObject({ format: 'handover-export', version: 1, contentHash: CURRENT });
      expect((doc.signatures as { current: boolean }[]).map((s) => s.current)).toEqual([true, false]);
      expect(doc.audit).toMatchObject({ chain: { ok: true, eventCount: 1 }, events: [{ action: 'handover.created' }] });
      expect((doc.crm as { accounts: unknown[] }).accounts).toHaveLength(1);
      // header + 2 items + 1 note + 2 signatures + 1 event + 1 account
      expect(files[0]!.rows).toBe(8);
    });
  });

  describe('csv', () => {
    const files = renderExport(exportData(), 'csv', labels);

    it('writes one file per table, each with a BOM and CRLF line ends', () => {
      expect(files.map((f) => f.name.replace('handover-HO-0001-', ''))).toEqual([
        'summary.csv',
        'items.csv',
        'contact-notes.csv',
        'signatures.csv',
        'events.csv',
        'crm-accounts.csv',
        'crm-contacts.csv',
        'crm-opportunities.csv',
        'crm-cases.csv',
        'crm-open-activities.csv',
        'crm-contracts.csv',
      ]);
      for (const f of files) {
        expect(f.content.startsWith(BOM)).toBe(true);
        expect(f.content.endsWith('\r\n')).toBe(true);
        expect(Buffer.from(f.content, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      }
      expect(fileNamed(files, 'items.csv').rows).toBe(2);
      expect(fileNamed(files, 'crm-contacts.csv')).toMatchObject({ rows: 0 });
    });

    it('quotes commas, quotes and line breaks (RFC 4180), and reads back to the same values', () => {
      const items = fileNamed(files, 'items.csv');
      expect(items.content).toContain('"Says ""yes"", then, no\nnew line"');
      const parsed = parseCsv(items.content);
      if (!parsed.ok) throw new Error('did not parse');
      const [header, first, second] = parsed.rows;
      const notes = header!.indexOf('notes');
      expect(first![notes]).toBe('Says "yes", then, no\nnew line');
      expect(second![header!.indexOf('recordName')]).toBe('华为技术有限公司');
      expect(first![header!.indexOf('successorUsername')]).toBe('successor1@handover.local');
      const accounts = parseCsv(fileNamed(files, 'crm-accounts.csv').content);
      expect(accounts.ok && accounts.rows[1]?.[1]).toBe('Acme, "Intl"');
    });

    it('marks each signature current or stale, and carries the chain status in the summary', () => {
      const signatures = parseCsv(fileNamed(files, 'signatures.csv').content);
      if (!signatures.ok) throw new Error('did not parse');
      const [header, departing, successor] = signatures.rows;
      const col = (name: string) => header!.indexOf(name);
      expect(departing![col('signedContentHash')]).toBe(CURRENT);
      expect(departing![col('current')]).toBe('true');
      expect(successor![col('signedContentHash')]).toBe(OLD);
      expect(successor![col('current')]).toBe('false');
      const summary = parseCsv(fileNamed(files, 'summary.csv').content);
      if (!summary.ok) throw new Error('did not parse');
      expect(summary.rows[1]![summary.rows[0]!.indexOf('auditChainOk')]).toBe('true');
    });

    it('names the events a broken chain points at', () => {
      const broken = exportData({
        chain: {
          ok: false,
          eventCount: 1,
          headHash: 'b'.repeat(64),
          problems: [{ code: 'ALTERED', eventId: 'a04000000000001AAA', message: 'changed' }],
        },
      });
      const events = parseCsv(fileNamed(renderExport(broken, 'csv', labels), 'events.csv').content);
      if (!events.ok) throw new Error('did not parse');
      expect(events.rows[1]![events.rows[0]!.indexOf('chainProblems')]).toBe('ALTERED');
    });
  });

  describe('html', () => {
    const [page] = renderExport(exportData(), 'html', labels);
    const html = page!.content;

    it('is one self-contained page with print CSS and no scripts or external assets', () => {
      expect(page!.name).toBe('handover-HO-0001.html');
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).toContain('<meta charset="utf-8">');
      expect(html).toContain('@media print');
      expect(html).not.toMatch(/<script|<link|<img|src=|href=|@import|url\(/i);
    });

    it('escapes every user text', () => {
      expect(html).not.toContain('<script>alert(1)</script>');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).toContain('李娜 &lt;b&gt;');
      expect(html).toContain('性价比 &amp; price/performance');
      expect(html).toContain('张伟 &lt;i&gt;');
      expect(html).not.toContain('张伟 <i>');
      expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    });

    it('shows bilingual sections, the signatures with signer, role, time and hashes, and the chain status', () => {
      for (const heading of [
        'Summary / 摘要',
        'Checklist items / 交接清单',
        'Signatures / 签名',
        'Audit log / 审计日志',
      ]) {
        expect(html).toContain(`<h2>${heading}</h2>`);
      }
      expect(html).toContain('王磊 (departing@handover.local)');
      expect(html).toContain('2026-11-26T10:00:00.000Z');
      expect(html).toContain(OLD);
      expect(html).toContain(CURRENT);
      expect(html).toContain('Hash chain verified: intact / 哈希链校验通过：完整');
      const signatures = html.slice(html.indexOf('<h2>Signatures'), html.indexOf('<h2>Audit'));
      expect(signatures.match(/class="ok">Yes/g)).toHaveLength(1);
      expect(signatures.match(/class="bad">No/g)).toHaveLength(1);
    });

    it('draws the relationship map of each account as a picture, and names the contacts in the notes', () => {
      const section = html.slice(html.indexOf('<h2>Relationship map'), html.indexOf('<h2>Signatures'));
      expect(section).toContain('<figcaption>Acme, &quot;Intl&quot;</figcaption>');
      expect(section.match(/<svg /g)).toHaveLength(1);
      expect(section).toContain(
        '<title>Relationship map of Acme, &quot;Intl&quot; / Acme, &quot;Intl&quot; 的客户关系图</title>',
      );
      expect(section).toContain('data-stance="Champion"');
      expect(section).toContain('Champion / 拥护者');
      // The notes table names the contact instead of showing the Id.
      expect(section).toContain('<td>张伟 &lt;i&gt;</td>');
    });

    it('draws where the records go: a bar per successor by transfer status', () => {
      const section = html.slice(html.indexOf('<h2>Where the records go'), html.indexOf('<h2>Checklist'));
      expect(section.match(/<svg /g)).toHaveLength(1);
      expect(section).toContain('李娜 &lt;b&gt; (successor1@handover.local)');
      expect(section).toContain('Pending / 待转移');
      // The legend names only what the bars show.
      expect(section).not.toContain('Transferred / 已转移');
    });

    it('lists the problems of a broken chain', () => {
      const broken = exportData({
        chain: {
          ok: false,
          eventCount: 1,
          headHash: null,
          problems: [{ code: 'BROKEN_LINK', eventId: null, message: 'a <gap>' }],
        },
      });
      const text = renderExport(broken, 'html', labels)[0]!.content;
      expect(text).toContain('Hash chain verification FAILED / 哈希链校验失败');
      expect(text).toContain('BROKEN_LINK: a &lt;gap&gt;');
    });
  });
});

describe('parseCsv', () => {
  it('reads quoted fields, CRLF, LF, a BOM and skips blank lines', () => {
    expect(parseCsv(`${BOM}a,b\r\n"x,1","y""z"\n\nc,\n`)).toEqual({
      ok: true,
      rows: [
        ['a', 'b'],
        ['x,1', 'y"z'],
        ['c', ''],
      ],
    });
  });

  it('refuses unclosed and stray quotes with their line', () => {
    expect(parseCsv('a,b\n"open,1\n')).toEqual({ ok: false, line: 2, problem: 'unclosed_quote' });
    expect(parseCsv('a,b\nx"y,1\n')).toEqual({ ok: false, line: 2, problem: 'stray_quote' });
    expect(parseCsv('a,b\n"x"y,1\n')).toEqual({ ok: false, line: 2, problem: 'stray_quote' });
  });
});
