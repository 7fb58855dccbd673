/** One measured result of a benchmark scenario, as `npm run bench -- <scenario> --json` prints it. */
export type BenchResult = {
  name: string;
  records: number;
  apiCalls: number;
  wallMs: number;
  peakRssMb: number;
  recordsPerSecond?: number;
  [extra: string]: unknown;
};

export type BenchReport = { scenario: string; params: Record<string, unknown>; results: BenchResult[] };

export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Runs `fn` and returns its wall time in milliseconds with its value. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; wallMs: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, wallMs: Math.round((performance.now() - start) * 10) / 10 };
}

export function result(
  name: string,
  records: number,
  apiCalls: number,
  wallMs: number,
  extra: Record<string, unknown> = {},
): BenchResult {
  return {
    name,
    records,
    apiCalls,
    wallMs,
    peakRssMb: peakRssMb(),
    recordsPerSecond: wallMs > 0 ? Math.round((records / wallMs) * 1000) : records,
    ...extra,
  };
}

/** A plain-text table of the results, for people. */
export function formatReport(report: BenchReport): string {
  const lines = [`${report.scenario}  ${JSON.stringify(report.params)}`];
  for (const r of report.results) {
    const extras = Object.entries(r)
      .filter(([k]) => !['name', 'records', 'apiCalls', 'wallMs', 'peakRssMb', 'recordsPerSecond'].includes(k))
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' ');
    lines.push(
      `  ${r.name.padEnd(28)} ${String(r.records).padStart(8)} rec  ${String(r.apiCalls).padStart(6)} calls  ${String(r.wallMs).padStart(9)} ms  ${String(r.recordsPerSecond ?? '').padStart(9)} rec/s  ${String(r.peakRssMb).padStart(5)} MB  ${extras}`,
    );
  }
  return lines.join('\n');
}
