import {
  allowedActions,
  decide,
  missingSuccessors,
  OVERRIDE_REASON_MIN_LENGTH,
  staleSignatures,
  validSignatures,
  type Command,
  type RefusalCode,
  type Signature,
  type SignoffState,
  type SignoffStatus,
} from '../../src/core/signoff.js';

const H1 = 'a'.repeat(64);
const H2 = 'b'.repeat(64);
const AT = '2026-03-02T02:00:00.000Z';
const REASON = '离职员工拒绝配合交接，已由人事确认'; // 17 characters

const sig = (signerId: string, role: Signature['role'], contentHash = H1): Signature => ({
  signerId,
  role,
  contentHash,
  signedAt: '2026-03-01T02:00:00.000Z',
});
const D = sig('D', 'departing');
const S1 = sig('S1', 'successor');
const S2 = sig('S2', 'successor');
const M = sig('M', 'manager');

const state = (
  status: SignoffStatus,
  signatures: Signature[] = [],
  extra: Partial<SignoffState> = {},
): SignoffState => ({
  status,
  parties: { departingId: 'D', managerId: 'M', successorIds: ['S1', 'S2'] },
  signatures,
  currentContentHash: H1,
  overrideReason: null,
  unconfirmedItemCount: 0,
  ...extra,
});

const draft = state('Draft');
const byDeparting = state('Signed_By_Departing', [D]);
const byOneSuccessor = state('Signed_By_Departing', [D, S1]);
const bySuccessors = state('Signed_By_Successors', [D, S1, S2]);
const approved = state('Approved', [D, S1, S2, M]);
const reassigning = state('Reassigning', [D, S1, S2, M]);
const reassigned = state('Reassigned', [D, S1, S2, M]);
const partial = state('Partially_Reassigned', [D, S1, S2, M]);
const rolledBack = state('Rolled_Back', [D, S1, S2, M]);
const cancelled = state('Cancelled');
const overrideDraft = state('Draft', [], { overrideReason: REASON, unconfirmedItemCount: 3 });
const overrideOne = state('Draft', [S1], { overrideReason: REASON, unconfirmedItemCount: 3 });
const overrideSigned = state('Signed_By_Successors', [S1, S2], { overrideReason: REASON, unconfirmedItemCount: 3 });

const sign = (actorId: string, contentHash = H1): Command => ({ type: 'sign', actorId, at: AT, contentHash });
const approve = (overrideReason?: string, contentHash = H1): Command =>
  overrideReason === undefined
    ? { type: 'approve', actorId: 'M', at: AT, contentHash }
    : { type: 'approve', actorId: 'M', at: AT, contentHash, overrideReason };
const override = (reason = REASON, actorId = 'M'): Command => ({ type: 'declareOverride', actorId, at: AT, reason });
const editContent = (actorId: string, contentHash = H2, unconfirmedItemCount?: number): Command =>
  unconfirmedItemCount === undefined
    ? { type: 'edit', part: 'content', actorId, at: AT, contentHash }
    : { type: 'edit', part: 'content', actorId, at: AT, contentHash, unconfirmedItemCount };
const qa = (actorId: string): Command => ({ type: 'edit', part: 'qa', actorId, at: AT });
const start = (actorId = 'M'): Command => ({ type: 'startReassign', actorId, at: AT });
const finish = (failedCount: number, reassignedCount = 10, actorId = 'M'): Command => ({
  type: 'finishReassign',
  actorId,
  at: AT,
  reassignedCount,
  failedCount,
});
const rollback = (actorId = 'M'): Command => ({ type: 'rollback', actorId, at: AT, reason: 'Wrong successor' });
const cancel = (actorId = 'M'): Command => ({ type: 'cancel', actorId, at: AT });

describe('decide: allowed transitions', () => {
  it.each<[string, SignoffState, Command, SignoffStatus, string[]]>([
    ['departing signs a draft', draft, sign('D'), 'Signed_By_Departing', ['handover.signed']],
    ['first successor signs', byDeparting, sign('S1'), 'Signed_By_Departing', ['handover.signed']],
    ['last successor signs', byOneSuccessor, sign('S2'), 'Signed_By_Successors', ['handover.signed']],
    ['manager approves', bySuccessors, approve(), 'Approved', ['handover.approved']],
    ['manager declares an override', draft, override(), 'Draft', ['handover.override_declared']],
    ['successor signs under override', overrideDraft, sign('S1'), 'Draft', ['handover.signed']],
    ['last successor signs under override', overrideOne, sign('S2'), 'Signed_By_Successors', ['handover.signed']],
    ['manager approves with override', overrideSigned, approve(), 'Approved', ['handover.approved_with_override']],
    [
      'departing signs late under override, once every item is confirmed',
      { ...overrideSigned, unconfirmedItemCount: 0 },
      sign('D'),
      'Signed_By_Successors',
      ['handover.signed'],
    ],
    ['manager starts reassigning', approved, start(), 'Reassigning', ['handover.reassign_started']],
    ['manager retries a partial run', partial, start(), 'Reassigning', ['handover.reassign_started']],
    ['run finishes cleanly', reassigning, finish(0), 'Reassigned', ['handover.reassigned']],
    ['run finishes with failures', reassigning, finish(2), 'Partially_Reassigned', ['handover.partially_reassigned']],
    ['manager rolls back', reassigned, rollback(), 'Rolled_Back', ['handover.rolled_back']],
    ['manager rolls back a partial run', partial, rollback(), 'Rolled_Back', ['handover.rolled_back']],
    ['manager cancels a draft', draft, cancel(), 'Cancelled', ['handover.cancelled']],
    ['manager cancels a signed handover', bySuccessors, cancel(), 'Cancelled', ['handover.cancelled']],
    ['manager cancels an approved handover', approved, cancel(), 'Cancelled', ['handover.cancelled']],
    ['departing edits a draft', draft, editContent('D'), 'Draft', ['handover.edited']],
    ['manager edits a draft', draft, editContent('M'), 'Draft', ['handover.edited']],
    [
      'departing edits after signing',
      byDeparting,
      editContent('D'),
      'Draft',
      ['handover.edited', 'handover.signatures_stale'],
    ],
    [
      'manager edits after all signed',
      bySuccessors,
      editContent('M'),
      'Draft',
      ['handover.edited', 'handover.signatures_stale'],
    ],
    ['successor asks during review', byDeparting, qa('S1'), 'Signed_By_Departing', ['handover.qa_posted']],
    ['departing answers during the transition', reassigned, qa('D'), 'Reassigned', ['handover.qa_posted']],
    ['successor asks after a partial run', partial, qa('S2'), 'Partially_Reassigned', ['handover.qa_posted']],
  ])('%s', (_name, from, command, status, actions) => {
    const result = decide(from, command);
    if (!result.ok) throw new Error(`refused: ${result.code} ${result.message}`);
    expect(result.next.status).toBe(status);
    expect(result.events.map((e) => e.action)).toEqual(actions);
    for (const e of result.events) {
      expect(e.actorId).toBe(command.actorId);
      expect(e.at).toBe(AT);
    }
  });
});

describe('decide: refusals', () => {
  it.each<[string, SignoffState, Command, RefusalCode]>([
    ['an outsider signs', byDeparting, sign('X'), 'NOT_A_PARTY'],
    ['an outsider asks a question', reassigned, qa('X'), 'NOT_A_PARTY'],
    ['the manager signs', bySuccessors, sign('M'), 'ROLE_NOT_ALLOWED'],
    ['a successor approves', bySuccessors, { ...approve(), actorId: 'S1' }, 'ROLE_NOT_ALLOWED'],
    ['the departing rep approves', bySuccessors, { ...approve(), actorId: 'D' }, 'ROLE_NOT_ALLOWED'],
    ['a successor declares an override', draft, override(REASON, 'S1'), 'ROLE_NOT_ALLOWED'],
    ['the departing rep cancels', draft, cancel('D'), 'ROLE_NOT_ALLOWED'],
    ['a successor starts the run', approved, start('S1'), 'ROLE_NOT_ALLOWED'],
    ['a successor finishes the run', reassigning, finish(0, 1, 'S1'), 'ROLE_NOT_ALLOWED'],
    ['the departing rep rolls back', reassigned, rollback('D'), 'ROLE_NOT_ALLOWED'],
    ['a successor edits the content', byDeparting, editContent('S1'), 'ROLE_NOT_ALLOWED'],
    ['a successor signs before the departing rep', draft, sign('S1'), 'DEPARTING_SIGNATURE_REQUIRED'],
    [
      'departing signs with unconfirmed items',
      state('Draft', [], { unconfirmedItemCount: 2 }),
      sign('D'),
      'UNCONFIRMED_ITEMS',
    ],
    ['departing signs twice', byDeparting, sign('D'), 'ALREADY_SIGNED'],
    ['departing signs late under override with unconfirmed items', overrideSigned, sign('D'), 'UNCONFIRMED_ITEMS'],
    ['a successor signs twice', byOneSuccessor, sign('S1'), 'ALREADY_SIGNED'],
    ['a successor signs an old version', byDeparting, sign('S1', H2), 'STALE_CONTENT'],
    ['the manager approves an old version', bySuccessors, approve(undefined, H2), 'STALE_CONTENT'],
    ['signing after approval', approved, sign('S1'), 'WRONG_STATE'],
    ['signing a cancelled handover', cancelled, sign('D'), 'WRONG_STATE'],
    ['approve before the successors signed', byOneSuccessor, approve(), 'SUCCESSORS_MISSING'],
    ['approve twice', approved, approve(), 'WRONG_STATE'],
    ['approve a draft without a reason', draft, approve(), 'OVERRIDE_REASON_REQUIRED'],
    ['approve a draft with a short reason', draft, approve('too short'), 'OVERRIDE_REASON_REQUIRED'],
    ['approve a draft with a reason but no successor signature', draft, approve(REASON), 'SUCCESSORS_MISSING'],
    ['override when the departing rep signed', byDeparting, override(), 'OVERRIDE_NOT_NEEDED'],
    ['approve with a reason when the departing rep signed', bySuccessors, approve(REASON), 'OVERRIDE_NOT_NEEDED'],
    ['override twice', overrideDraft, override(), 'OVERRIDE_ALREADY_DECLARED'],
    ['override with a blank reason', draft, override('          '), 'OVERRIDE_REASON_REQUIRED'],
    ['override after approval', approved, override(), 'WRONG_STATE'],
    ['start the run before approval', bySuccessors, start(), 'WRONG_STATE'],
    ['start the run twice', reassigning, start(), 'WRONG_STATE'],
    ['start the run after it finished', reassigned, start(), 'WRONG_STATE'],
    ['finish a run that did not start', approved, finish(0), 'WRONG_STATE'],
    ['finish with negative counts', reassigning, finish(-1), 'INVALID_COUNTS'],
    ['finish with fractional counts', reassigning, finish(0, 1.5), 'INVALID_COUNTS'],
    ['roll back before the run', approved, rollback(), 'WRONG_STATE'],
    ['roll back during the run', reassigning, rollback(), 'WRONG_STATE'],
    ['roll back twice', rolledBack, rollback(), 'WRONG_STATE'],
    ['cancel during the run', reassigning, cancel(), 'WRONG_STATE'],
    ['cancel after the run', reassigned, cancel(), 'WRONG_STATE'],
    ['cancel twice', cancelled, cancel(), 'WRONG_STATE'],
    ['edit approved content', approved, editContent('M'), 'WRONG_STATE'],
    ['edit content during the transition', reassigned, editContent('D'), 'WRONG_STATE'],
    ['edit with a negative unconfirmed count', draft, editContent('D', H2, -1), 'INVALID_COUNTS'],
    ['ask a question on a cancelled handover', cancelled, qa('S1'), 'WRONG_STATE'],
    ['ask a question after a rollback', rolledBack, qa('S1'), 'WRONG_STATE'],
  ])('%s', (_name, from, command, code) => {
    const result = decide(from, command);
    expect(result).toMatchObject({ ok: false, code });
    if (!result.ok) expect(result.message.length).toBeGreaterThan(20);
  });

  it.each([
    ['departing as successor', { departingId: 'D', managerId: 'M', successorIds: ['D'] }],
    ['departing as manager', { departingId: 'D', managerId: 'D', successorIds: ['S1'] }],
    ['manager as successor', { departingId: 'D', managerId: 'M', successorIds: ['M'] }],
    ['no successor', { departingId: 'D', managerId: 'M', successorIds: [] }],
    ['a successor twice', { departingId: 'D', managerId: 'M', successorIds: ['S1', 'S1'] }],
  ])('refuses every command when the parties are invalid: %s', (_name, parties) => {
    expect(decide({ ...draft, parties }, sign('D'))).toMatchObject({ ok: false, code: 'INVALID_PARTIES' });
  });

  it('tells the user what to do next', () => {
    const early = decide(draft, sign('S1'));
    expect(!early.ok && early.message).toMatch(/departing rep signs first.*override/i);
    const missing = decide(byOneSuccessor, approve());
    expect(!missing.ok && missing.message).toContain('S2');
  });
});

describe('signatures and content changes', () => {
  it('makes every signature stale after an edit, and falls back to Draft', () => {
    const result = decide(bySuccessors, editContent('D', H2, 0));
    if (!result.ok) throw new Error(result.message);
    const next = result.next;
    expect(next.status).toBe('Draft');
    expect(next.currentContentHash).toBe(H2);
    expect(validSignatures(next)).toEqual([]);
    expect(staleSignatures(next).map((s) => s.signerId)).toEqual(['D', 'S1', 'S2']);
    expect(missingSuccessors(next)).toEqual(['S1', 'S2']);
    const stale = result.events.find((e) => e.action === 'handover.signatures_stale');
    expect(stale?.details).toMatchObject({ signerIds: ['D', 'S1', 'S2'], previousContentHash: H1 });
    expect(stale?.contentHash).toBe(H2);
  });

  it('collects new signatures over the new content, replacing the stale ones', () => {
    let current = bySuccessors;
    for (const command of [editContent('D', H2), sign('D', H2), sign('S1', H2), sign('S2', H2)]) {
      const result = decide(current, command);
      if (!result.ok) throw new Error(result.message);
      current = result.next;
    }
    expect(current.status).toBe('Signed_By_Successors');
    expect(current.signatures).toHaveLength(3);
    expect(staleSignatures(current)).toEqual([]);
    expect(validSignatures(current).map((s) => s.signedAt)).toEqual([AT, AT, AT]);
  });

  it('does nothing when an edit leaves the content unchanged', () => {
    expect(decide(bySuccessors, editContent('D', H1))).toEqual({ ok: true, next: bySuccessors, events: [] });
  });

  it('does not count a signature by someone who is no longer a successor', () => {
    const s = state('Signed_By_Departing', [D, S1, sig('S9', 'successor')]);
    expect(validSignatures(s).map((x) => x.signerId)).toEqual(['D', 'S1']);
    expect(missingSuccessors(s)).toEqual(['S2']);
  });

  it('keeps questions and answers from touching the signatures', () => {
    const result = decide(bySuccessors, qa('S1'));
    expect(result.ok && result.next).toBe(bySuccessors);
  });

  it('records the approval as a manager signature over the approved hash', () => {
    const result = decide(bySuccessors, approve());
    expect(result.ok && validSignatures(result.next).find((s) => s.role === 'manager')).toEqual({
      signerId: 'M',
      role: 'manager',
      contentHash: H1,
      signedAt: AT,
    });
  });
});

describe('the override path (uncooperative departing rep)', () => {
  it('walks from draft to approval without the departing signature, keeping unconfirmed items marked', () => {
    const generated = state('Draft', [], { unconfirmedItemCount: 4 });
    const steps: Command[] = [override(), sign('S1'), sign('S2'), approve()];
    let current = generated;
    const actions: string[] = [];
    const events = [];
    for (const command of steps) {
      const result = decide(current, command);
      if (!result.ok) throw new Error(`${command.type}: ${result.message}`);
      current = result.next;
      actions.push(...result.events.map((e) => e.action));
      events.push(...result.events);
    }
    expect(current.status).toBe('Approved');
    expect(current.overrideReason).toBe(REASON);
    expect(actions).toEqual([
      'handover.override_declared',
      'handover.signed',
      'handover.signed',
      'handover.approved_with_override',
    ]);
    for (const e of events) expect(e.details.unconfirmedItemCount).toBe(4);
    expect(events.at(-1)?.details).toMatchObject({
      reason: REASON,
      departingSigned: false,
      departingSignedEarlierVersion: false,
    });
    expect(events[1]?.details).toMatchObject({ role: 'successor', override: true });
  });

  it('notes that the departing rep signed an earlier version', () => {
    const s = state('Draft', [sig('D', 'departing', H2), S1, S2], { overrideReason: REASON });
    const result = decide(s, approve());
    expect(result.ok && result.events[0]?.details).toMatchObject({ departingSignedEarlierVersion: true });
  });

  it('accepts the reason at approval time, and counts it in code points after trimming', () => {
    const s = state('Draft', [S1, S2]);
    expect(decide(s, approve(`  ${'短'.repeat(OVERRIDE_REASON_MIN_LENGTH - 1)}  `))).toMatchObject({
      ok: false,
      code: 'OVERRIDE_REASON_REQUIRED',
    });
    const result = decide(s, approve(` ${'短'.repeat(OVERRIDE_REASON_MIN_LENGTH)} `));
    expect(result.ok && result.next.overrideReason).toBe('短'.repeat(OVERRIDE_REASON_MIN_LENGTH));
  });

  it('still requires every successor', () => {
    expect(decide(overrideOne, approve())).toMatchObject({ ok: false, code: 'SUCCESSORS_MISSING' });
  });

  it('keeps the override after a content edit, so successors re-sign without the departing rep', () => {
    const edited = decide(overrideSigned, editContent('M', H2, 1));
    if (!edited.ok) throw new Error(edited.message);
    expect(edited.next).toMatchObject({ status: 'Draft', overrideReason: REASON, unconfirmedItemCount: 1 });
    expect(decide(edited.next, sign('S1', H2)).ok).toBe(true);
  });
});

describe('allowedActions', () => {
  it.each<[string, SignoffState, string, string[]]>([
    ['departing on a draft', draft, 'D', ['sign', 'edit_content', 'post_qa']],
    ['successor on a draft', draft, 'S1', ['post_qa']],
    ['manager on a draft', draft, 'M', ['declare_override', 'edit_content', 'post_qa', 'cancel']],
    ['successor after the departing signature', byDeparting, 'S1', ['sign', 'post_qa']],
    ['signed successor', byOneSuccessor, 'S1', ['post_qa']],
    ['manager when all signed', bySuccessors, 'M', ['approve', 'edit_content', 'post_qa', 'cancel']],
    ['manager under override', overrideSigned, 'M', ['approve_with_override', 'edit_content', 'post_qa', 'cancel']],
    ['successor under override', overrideDraft, 'S2', ['sign', 'post_qa']],
    ['manager when approved', approved, 'M', ['post_qa', 'start_reassign', 'cancel']],
    ['manager during the run', reassigning, 'M', ['post_qa', 'finish_reassign']],
    ['manager after a partial run', partial, 'M', ['post_qa', 'start_reassign', 'rollback']],
    ['departing during the transition', reassigned, 'D', ['post_qa']],
    ['manager after a rollback', rolledBack, 'M', []],
    ['an outsider', bySuccessors, 'X', []],
  ])('%s', (_name, s, userId, expected) => {
    expect(allowedActions(s, userId)).toEqual(expected);
  });
});
