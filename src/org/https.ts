import { createHash, generateKeyPairSync, randomBytes, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { isIP } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';

/**
 * HTTPS for the local org: a self-signed certificate for the loopback names, made with node:crypto
 * and a small DER writer (no dependency), kept in the data folder as cert.pem / key.pem and reused
 * across restarts so that clients trust it once (NODE_EXTRA_CA_CERTS=<data>/cert.pem).
 */

export type TlsCredentials = { cert: string; key: string; certPath?: string; keyPath?: string };

export const CERT_FILE = 'cert.pem';
export const KEY_FILE = 'key.pem';
const VALID_DAYS = 825;
/** Renew a stored certificate this long before it expires. */
const RENEW_BEFORE_MS = 7 * 24 * 3600_000;

/** The names every local-org certificate covers, plus the host the org binds to. */
export function certificateHosts(host: string | undefined): string[] {
  const hosts = ['localhost', '127.0.0.1', '::1'];
  if (host && !['0.0.0.0', '::'].includes(host) && !hosts.includes(host)) hosts.push(host);
  return hosts;
}

/**
 * The certificate in `dataDir` when it is still valid for `hosts`; otherwise a new one, written there.
 * Without a folder (an in-memory org) the certificate lives only in memory.
 */
export function loadOrCreateCertificate(
  dataDir: string | undefined,
  hosts: string[],
  now = new Date(),
): TlsCredentials {
  if (!dataDir) return createSelfSignedCertificate(hosts, now);
  const certPath = join(dataDir, CERT_FILE);
  const keyPath = join(dataDir, KEY_FILE);
  if (existsSync(certPath) && existsSync(keyPath)) {
    const stored = { cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8'), certPath, keyPath };
    if (isUsable(stored.cert, hosts, now)) return stored;
  }
  const created = createSelfSignedCertificate(hosts, now);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(keyPath, created.key, { mode: 0o600 });
  writeFileSync(certPath, created.cert);
  return { ...created, certPath, keyPath };
}

function isUsable(pem: string, hosts: string[], now: Date): boolean {
  try {
    const cert = new X509Certificate(pem);
    const fresh = new Date(cert.validTo).getTime() - RENEW_BEFORE_MS > now.getTime();
    const started = new Date(cert.validFrom).getTime() <= now.getTime();
    const covers = hosts.every((h) => (isIP(h) ? cert.checkIP(h) : cert.checkHost(h)) !== undefined);
    return fresh && started && covers;
  } catch {
    return false;
  }
}

/** A new P-256 key and a self-signed X.509 v3 certificate (CA:true, serverAuth) for `hosts`. */
export function createSelfSignedCertificate(hosts: string[], now = new Date()): TlsCredentials {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const tbs = tbsCertificate(publicKey, hosts, now);
  const signature = sign('sha256', tbs, privateKey);
  const der = seq(tbs, ECDSA_WITH_SHA256, bitString(signature));
  return {
    cert: toPem('CERTIFICATE', der),
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

function tbsCertificate(publicKey: KeyObject, hosts: string[], now: Date): Buffer {
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const name = seq(set(seq(oid('2.5.4.10'), utf8('Handover'))), set(seq(oid('2.5.4.3'), utf8('Handover local org'))));
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f; // a positive INTEGER
  const notBefore = new Date(now.getTime() - 3600_000);
  const notAfter = new Date(now.getTime() + VALID_DAYS * 24 * 3600_000);
  return seq(
    explicit(0, integer(Buffer.from([2]))), // v3
    integer(serial),
    ECDSA_WITH_SHA256,
    name,
    seq(utcTime(notBefore), utcTime(notAfter)),
    name,
    spki,
    explicit(3, seq(...extensions(spki, hosts))),
  );
}

function extensions(spki: Buffer, hosts: string[]): Buffer[] {
  const keyCertSignAndDigitalSignature = Buffer.from([0x02, 0x84]); // 2 unused bits; bits 0 and 5
  return [
    extension('2.5.29.19', true, seq(boolean(true))), // basicConstraints: CA, so that it can be its own trust anchor
    extension('2.5.29.15', true, tlv(0x03, keyCertSignAndDigitalSignature)), // keyUsage
    extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))), // extKeyUsage: serverAuth
    extension('2.5.29.17', false, seq(...hosts.map(generalName))), // subjectAltName
    extension('2.5.29.14', false, tlv(0x04, createHash('sha1').update(spki).digest())), // subjectKeyIdentifier
  ];
}

function generalName(host: string): Buffer {
  if (isIP(host) === 4) return tlv(0x87, Buffer.from(host.split('.').map(Number)));
  if (isIP(host) === 6) return tlv(0x87, ipv6Bytes(host));
  return tlv(0x82, Buffer.from(host, 'ascii'));
}

function ipv6Bytes(address: string): Buffer {
  const [head = '', tail = ''] = address.includes('::') ? address.split('::') : [address, ''];
  const headParts = head ? head.split(':') : [];
  const tailParts = tail ? tail.split(':') : [];
  const zeros = Array.from({ length: 8 - headParts.length - tailParts.length }, () => '0');
  const out = Buffer.alloc(16);
  [...headParts, ...zeros, ...tailParts].forEach((part, i) => out.writeUInt16BE(parseInt(part, 16), i * 2));
  return out;
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return critical ? seq(oid(id), boolean(true), tlv(0x04, value)) : seq(oid(id), tlv(0x04, value));
}

// ---------------------------------------------------------------------------------------------
// DER

const ECDSA_WITH_SHA256 = seq(oid('1.2.840.10045.4.3.2'));

function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function seq(...items: Buffer[]): Buffer {
  return tlv(0x30, Buffer.concat(items));
}

function set(...items: Buffer[]): Buffer {
  return tlv(0x31, Buffer.concat(items));
}

function explicit(tagNumber: number, content: Buffer): Buffer {
  return tlv(0xa0 | tagNumber, content);
}

function integer(bytes: Buffer): Buffer {
  return tlv(0x02, bytes);
}

function boolean(value: boolean): Buffer {
  return tlv(0x01, Buffer.from([value ? 0xff : 0x00]));
}

function bitString(bytes: Buffer): Buffer {
  return tlv(0x03, Buffer.concat([Buffer.from([0]), bytes]));
}

function utf8(text: string): Buffer {
  return tlv(0x0c, Buffer.from(text, 'utf8'));
}

/** UTCTime (YYMMDDHHMMSSZ); certificates use it for years before 2050. */
function utcTime(date: Date): Buffer {
  const iso = date.toISOString(); // 2026-06-15T08:00:00.000Z
  const text = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return tlv(0x17, Buffer.from(text, 'ascii'));
}

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128)) chunk.unshift((n & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function toPem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

// ---------------------------------------------------------------------------------------------
// Serving

/**
 * Serves a ready Fastify app over HTTPS with `tls` (Fastify's own server stays unused). Resolves
 * with the server and the port it listens on.
 */
export async function listenHttps(
  app: FastifyInstance,
  tls: TlsCredentials,
  port: number,
  host: string,
): Promise<{ server: Server; port: number }> {
  await app.ready();
  const server = createServer({ cert: tls.cert, key: tls.key }, (req, res) => app.routing(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : port };
}

/** Stops accepting connections, lets requests in flight finish and drops idle keep-alive sockets. */
export async function closeHttps(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await closed;
}
