/**
 * Writing the export's files into a folder: never over an existing file unless asked (checked for
 * every file before the first is written, so a refusal leaves the folder as it was).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ExportFile } from './model.js';

export type WrittenFile = {
  path: string;
  bytes: number;
  rows: number;
  /** SHA-256 (hex) of the bytes written, to prove later that an archived file is unchanged. */
  sha256: string;
};

export type WriteOutcome = { ok: true; files: WrittenFile[] } | { ok: false; existing: string[] };

export function writeExportFiles(dir: string, files: readonly ExportFile[], options: { force: boolean }): WriteOutcome {
  const folder = resolve(dir);
  const paths = files.map((f) => resolve(folder, f.name));
  const existing = paths.filter((p) => existsSync(p));
  if (existing.length > 0 && !options.force) return { ok: false, existing };
  mkdirSync(folder, { recursive: true });
  return {
    ok: true,
    files: files.map((f, i) => {
      const path = paths[i] ?? resolve(folder, f.name);
      const bytes = Buffer.from(f.content, 'utf8');
      writeFileSync(path, bytes);
      return { path, bytes: bytes.length, rows: f.rows, sha256: createHash('sha256').update(bytes).digest('hex') };
    }),
  };
}
