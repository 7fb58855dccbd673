import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createSelfSignedCertificate, loadOrCreateCertificate } from '../../../src/org/https.js';
import { startTestOrg, stopTestOrg, type TestOrg } from '../../helpers/localOrg.js';

const run = promisify(execFile);

/** What a user's script does with NODE_EXTRA_CA_CERTS set: log in with jsforce over HTTPS and query. */
const CLIENT = `
import jsforce from 'jsforce';
const conn = new jsforce.Connection({ loginUrl: process.env.ORG_URL, version: '62.0' });
await conn.login('admin@handover.local', 'handover');
const result = await conn.query('SELECT Id, Name FROM Organization');
console.log(JSON.stringify({ instanceUrl: conn.instanceUrl, name: result.records[0].Name }));
`;

function httpsStatus(url: string, ca?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { ca }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).on('error', reject);
  });
}

describe('--https: a self-signed certificate in the data folder', () => {
  let org: TestOrg | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'handover-org-https-'));
  afterAll(async () => {
    await stopTestOrg(org, true);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves HTTPS; jsforce works with NODE_EXTRA_CA_CERTS=<data>/cert.pem; clients without it refuse', async () => {
    org = await startTestOrg({ dataDir, https: true });
    expect(org.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(org.certPath).toBe(join(dataDir, 'cert.pem'));
    expect(existsSync(join(dataDir, 'key.pem'))).toBe(true);

    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', CLIENT], {
      cwd: process.cwd(),
      env: { ...process.env, NODE_EXTRA_CA_CERTS: org.certPath, ORG_URL: org.url },
    });
    expect(JSON.parse(stdout)).toEqual({ instanceUrl: org.url, name: 'Handover Local Org' });

    await expect(httpsStatus(`${org.url}/services/data`)).rejects.toThrow(/self-signed|self signed/);
    expect(await httpsStatus(`${org.url}/services/data`, readFileSync(org.certPath!, 'utf8'))).toBe(200);
  });

  it('reuses the certificate across restarts, so that clients trust it once', async () => {
    const before = readFileSync(join(dataDir, 'cert.pem'), 'utf8');
    await stopTestOrg(org, true);
    org = await startTestOrg({ dataDir, https: true });
    expect(readFileSync(join(dataDir, 'cert.pem'), 'utf8')).toBe(before);
    expect(await httpsStatus(`${org.url}/services/data`, before)).toBe(200);
  });
});

describe('the certificate itself', () => {
  it('is a v3 CA certificate for the loopback names, valid now, signed by its own key', () => {
    const { cert } = createSelfSignedCertificate(['localhost', '127.0.0.1', '::1', 'devbox.local']);
    const x509 = new X509Certificate(cert);
    expect(x509.ca).toBe(true);
    expect(x509.subjectAltName).toBe(
      'DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:devbox.local',
    );
    expect(x509.checkHost('devbox.local')).toBe('devbox.local');
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(new Date(x509.validFrom).getTime()).toBeLessThanOrEqual(Date.now());
    expect(new Date(x509.validTo).getTime()).toBeGreaterThan(Date.now() + 365 * 24 * 3600_000);
  });

  it('is made anew when the stored one does not cover the host or has expired', () => {
    const dir = mkdtempSync(join(tmpdir(), 'handover-cert-'));
    try {
      const first = loadOrCreateCertificate(dir, ['localhost']);
      expect(loadOrCreateCertificate(dir, ['localhost']).cert).toBe(first.cert);
      const other = loadOrCreateCertificate(dir, ['localhost', 'devbox.local']);
      expect(other.cert).not.toBe(first.cert);
      const later = loadOrCreateCertificate(
        dir,
        ['localhost', 'devbox.local'],
        new Date(Date.now() + 900 * 86_400_000),
      );
      expect(later.cert).not.toBe(other.cert);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
