import type {
  IsoDate,
  OpportunityContactRoleRow,
  OpportunityHistoryRow,
  OpportunityRisk,
  OpportunityRow,
  RiskSignal,
} from '../model.js';
import { laterDay } from './dates.js';
import { stagePosition } from './stage.js';
import { escapeRegExp, hasText, NO_NAME, summarize, titleOf, TITLE_LIMIT } from './text.js';

/**
 * Generic words that say a competitor is in play, besides the names the org lists. `nameFollows` says
 * where the competitor's name is: right after the cue ("vs. Oracle") or only after a colon
 * ("竞争对手：华为"); "the competitor cut prices" flags the risk without a name.
 */
export const COMPETITOR_CUES: readonly { cue: string; nameFollows: 'always' | 'after_colon' }[] = [
  { cue: 'vs.', nameFollows: 'always' },
  { cue: 'versus', nameFollows: 'always' },
  { cue: 'competing with', nameFollows: 'always' },
  { cue: 'competitor', nameFollows: 'after_colon' },
  { cue: '竞争对手', nameFollows: 'after_colon' },
  { cue: '竞品', nameFollows: 'after_colon' },
];

/** A competitor's name runs to the next space or punctuation, and is never longer than this. */
const NAME_LIMIT = 40;
const NAME_TOKEN = `([^\\s,;:.!?()\\[\\]"'“”‘’，。；：！？、（）【】]{1,${NAME_LIMIT}})`;

/** Finds a competitor in free text: the org's names first, then the generic cues. */
export type CompetitorFinder = (text: string) => { found: boolean; name: string | null };

export function competitorFinder(competitors: readonly string[]): CompetitorFinder {
  const named = competitors.filter(hasText).map((name) => ({ name: name.trim(), pattern: wordPattern(name.trim()) }));
  const generic = COMPETITOR_CUES.map(({ cue, nameFollows }) => {
    const colon = nameFollows === 'always' ? '[:：]?' : '[:：]';
    return { pattern: new RegExp(`${wordPattern(cue).source}(?:\\s*${colon}\\s*${NAME_TOKEN})?`, 'i'), nameFollows };
  });
  return (text) => {
    // The first listed name that occurs, in the org's own spelling.
    for (const { name, pattern } of named) if (pattern.test(text)) return { found: true, name };
    for (const { pattern, nameFollows } of generic) {
      const match = pattern.exec(text);
      if (match === null) continue;
      if (nameFollows === 'always' && match[1] === undefined) continue; // "vs" with nothing after it
      return { found: true, name: match[1] ?? null };
    }
    return { found: false, name: null };
  };
}

/** The cue as a word (a plural allowed): Latin letters may not touch it on either side. */
function wordPattern(cue: string): RegExp {
  const start = /^[A-Za-z0-9]/.test(cue) ? '(?<![A-Za-z0-9])' : '';
  const end = /[A-Za-z0-9]$/.test(cue) ? '(?:e?s)?(?![A-Za-z0-9])' : '';
  return new RegExp(`${start}${escapeRegExp(cue)}${end}`, 'i');
}

export type RiskInput = {
  opportunity: OpportunityRow;
  roles: readonly OpportunityContactRoleRow[];
  /** Oldest first. */
  history: readonly OpportunityHistoryRow[];
  /** The latest touch on the deal or its account (from activities, and both LastActivityDates). */
  lastTouch: IsoDate | null;
  /** Touches on or after this day are recent. */
  recentFrom: IsoDate;
  today: IsoDate;
  findCompetitor: CompetitorFinder;
};

/** The loss signals of one open deal. */
export function opportunityRisk(input: RiskInput): OpportunityRisk {
  const { opportunity: o } = input;
  const risks: RiskSignal[] = [];
  if (o.CloseDate !== null && o.CloseDate < input.today) risks.push('close_date_passed');
  if (input.lastTouch === null || input.lastTouch < input.recentFrom) risks.push('no_recent_activity');
  if (new Set(input.roles.map((r) => r.ContactId).filter(hasText)).size < 2) risks.push('single_threaded');
  if (movedBack(input.history, o)) risks.push('stage_moved_back');
  if (amountDropped(input.history, o)) risks.push('amount_dropped');
  const competitor = findIn([o.NextStep, o.Description], input.findCompetitor);
  if (competitor.found) risks.push('competitor_named');
  return {
    opportunityId: o.Id,
    accountId: o.AccountId,
    name: titleOf(o.Name, NO_NAME),
    stage: titleOf(o.StageName, '(no stage)'),
    amount: typeof o.Amount === 'number' && Number.isFinite(o.Amount) ? o.Amount : null,
    closeDate: o.CloseDate ?? null,
    nextStep: summarize(o.NextStep, TITLE_LIMIT * 2),
    risks,
    competitor: competitor.name,
  };
}

/** The latest of the deal's and its account's touches. */
export function latestTouch(...days: (IsoDate | null | undefined)[]): IsoDate | null {
  return days.reduce<IsoDate | null>((latest, day) => laterDay(latest, day ?? null), null);
}

/** A later row at an earlier standard stage than one seen before (the deal itself is the last row). */
function movedBack(history: readonly OpportunityHistoryRow[], o: OpportunityRow): boolean {
  let furthest = -1;
  for (const stage of [...history.map((h) => h.StageName), o.StageName]) {
    const position = stagePosition(stage);
    if (position === null) continue; // a custom stage has no order to compare
    if (position < furthest) return true;
    furthest = Math.max(furthest, position);
  }
  return false;
}

/** A known amount lower than the one before it (the deal's current amount is the last row). */
function amountDropped(history: readonly OpportunityHistoryRow[], o: OpportunityRow): boolean {
  let previous: number | null = null;
  for (const amount of [...history.map((h) => h.Amount), o.Amount]) {
    if (typeof amount !== 'number' || !Number.isFinite(amount)) continue;
    if (previous !== null && amount < previous) return true;
    previous = amount;
  }
  return false;
}

function findIn(texts: readonly (string | null)[], find: CompetitorFinder): { found: boolean; name: string | null } {
  for (const text of texts) {
    if (!hasText(text)) continue;
    const result = find(text);
    if (result.found) return result;
  }
  return { found: false, name: null };
}
