/**
 * Handover__c.Summary__c: a generated JSON summary (counts per object, key accounts, completeness
 * gaps, warnings, successors' shares) for lists and exports. Not signed content: it describes the
 * draft as generated. Read leniently: a summary that does not parse is shown as missing.
 */
import { z } from 'zod';
import { FIELD_LENGTHS } from '../../core/sobjects.js';

const gapSchema = z.object({
  ruleId: z.string(),
  severity: z.enum(['high', 'medium', 'low']),
  recordId: z.string().nullable(),
  accountId: z.string().nullable(),
  message: z.string(),
});

export const summarySchema = z.object({
  version: z.literal(1),
  split: z.enum(['single', 'even', 'manual']),
  counts: z.record(z.string(), z.number()),
  itemCounts: z.record(z.string(), z.number()),
  keyAccounts: z.array(z.object({ id: z.string(), name: z.string(), reasons: z.array(z.string()) })),
  completeness: z.object({ score: z.number(), passed: z.number(), checked: z.number() }),
  gaps: z.array(gapSchema),
  /** More gaps than the field holds: the first ones are kept. */
  gapsTruncated: z.boolean(),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
  successors: z.array(
    z.object({ successorId: z.string(), accountCount: z.number(), revenue: z.number(), itemCount: z.number() }),
  ),
  unassignedRecords: z.number(),
  deadlines: z.object({
    recommendedStartBy: z.string(),
    latestStartBy: z.string(),
    reviewDue: z.string(),
    transitionEnd: z.string(),
    businessDaysUntilLastDay: z.number(),
    startWarning: z.enum(['none', 'late', 'tight']),
  }),
});

export type HandoverSummary = z.infer<typeof summarySchema>;

export function parseSummary(text: string | null): HandoverSummary | null {
  if (text === null || text === '') return null;
  try {
    const parsed = summarySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The summary as stored: gaps are dropped from the end until it fits the field. */
export function serialiseSummary(summary: HandoverSummary, limit: number = FIELD_LENGTHS.summary): string {
  let text = JSON.stringify(summary);
  if (text.length <= limit) return text;
  let keep = summary.gaps.length;
  while (keep > 0) {
    keep = Math.floor(keep / 2);
    text = JSON.stringify({ ...summary, gaps: summary.gaps.slice(0, keep), gapsTruncated: true });
    if (text.length <= limit) return text;
  }
  return text;
}
