import type { Completeness, Gap, GapSeverity } from '../model.js';
import type { Clock } from './dates.js';
import type { Check, Condition, FieldCheck, Rule, RuleScope } from './rules.js';
import { hasText, NAME_IN_MESSAGE_LIMIT, titleOf } from './text.js';

/**
 * One entity a rule can check: what a gap names, the built entity its paths read, and the org row it
 * came from, read by paths that start with `source.` (kept apart so no entity is copied to join them).
 */
export type Subject = { recordId: string; accountId: string | null; name: string; data: object; source?: object };
export type Subjects = Record<RuleScope, Subject[]>;

type Test = (data: unknown, source?: unknown) => boolean;

const SOURCE = 'source';

const SEVERITY_RANK: Record<GapSeverity, number> = { high: 0, medium: 1, low: 2 };

/**
 * Every rule against every subject of its scope. Score: passed checks over checked ones, in percent
 * to one decimal (100 when nothing applies). Gaps: one per failed check, most severe first.
 */
export function evaluateCompleteness(subjects: Subjects, rules: readonly Rule[], clock: Clock): Completeness {
  let checked = 0;
  let passed = 0;
  const gaps: Gap[] = [];
  for (const rule of rules) {
    const test = compile(rule.check, clock);
    for (const subject of subjects[rule.appliesTo]) {
      checked++;
      if (test(subject.data, subject.source)) {
        passed++;
        continue;
      }
      gaps.push({
        ruleId: rule.id,
        severity: rule.severity,
        recordId: subject.recordId,
        accountId: subject.accountId,
        message: rule.message.replaceAll('{name}', titleOf(subject.name, '(no name)', NAME_IN_MESSAGE_LIMIT)),
      });
    }
  }
  gaps.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]); // stable: rule order within
  const score = checked === 0 ? 100 : Math.round((passed / checked) * 1000) / 10;
  return { score, passed, checked, gaps };
}

/** A check turned into a function once per build, so paths are split and cut-off days worked out once. */
export function compile(check: Check, clock: Clock): Test {
  if ('not' in check) {
    const inner = compile(check.not, clock);
    return (data, source) => !inner(data, source);
  }
  if ('all' in check) {
    const parts = check.all.map((c) => compile(c, clock));
    return (data, source) => parts.every((test) => test(data, source));
  }
  if ('any' in check) {
    const parts = check.any.map((c) => compile(c, clock));
    return (data, source) => parts.some((test) => test(data, source));
  }
  if ('count' in check) {
    const list = pathReader(check.count);
    const where = check.where === undefined ? null : compileField(check.where, clock);
    const { min } = check;
    return (data, source) => {
      const items = list(data, source);
      if (!Array.isArray(items)) return min <= 0;
      if (where === null) return items.length >= min;
      let count = 0;
      for (const item of items) if (where(item) && ++count >= min) return true;
      return count >= min;
    };
  }
  return compileField(check, clock);
}

function compileField(check: FieldCheck, clock: Clock): Test {
  const read = pathReader(check.field);
  const test = compileCondition(check, clock);
  return (data, source) => test(read(data, source));
}

function compileCondition(condition: Condition, clock: Clock): (value: unknown) => boolean {
  if ('present' in condition) return (value) => isPresent(value) === condition.present;
  if ('equals' in condition) return (value) => value === condition.equals;
  if ('in' in condition) return (value) => condition.in.includes(value as never);
  if ('includes' in condition) return (value) => Array.isArray(value) && value.includes(condition.includes);
  if ('withinDays' in condition) {
    const from = clock.addDays(clock.today, -condition.withinDays);
    return (value) => {
      const day = typeof value === 'string' ? clock.dayOf(value) : null;
      return day !== null && day >= from && day <= clock.today;
    };
  }
  throw new Error(`Unknown completeness condition: ${JSON.stringify(condition)}`);
}

function pathReader(path: string): (data: unknown, source: unknown) => unknown {
  const all = path.split('.').filter((part) => part !== '');
  const fromSource = all[0] === SOURCE;
  const parts = fromSource ? all.slice(1) : all;
  return (data, source) => {
    let value: unknown = fromSource ? source : data;
    for (const part of parts) {
      if (value === null || typeof value !== 'object') return undefined;
      value = (value as Record<string, unknown>)[part];
    }
    return value;
  };
}

function isPresent(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return hasText(value);
  if (Array.isArray(value)) return value.length > 0;
  return true;
}
