import { chainEvents, eventHash, orderEvents, verifyEventChain } from '../../../src/salesforce/store/events.js';
import type { AuditEvent } from '../../../src/salesforce/store/model.js';

const HANDOVER = 'a01000000000001AAA';
const ACTOR = '005000000000001AAA';

/** A chain of `n` events as the store would write them (ids given, content hash per event). */
function chain(n: number, hashes: readonly string[] = []): AuditEvent[] {
  const rows = chainEvents(
    HANDOVER,
    null,
    Array.from({ length: n }, (_, i) => ({
      action: i === 0 ? 'handover.created' : 'handover.edited',
      actorId: ACTOR,
      at: `2026-06-1${i}T08:00:00.123Z`,
      contentHash: hashes[i] ?? `hash-${i}`,
      details: { step: i, note: '交接' },
    })),
  );
  return rows.map((row, i) => ({ ...row, id: `a05${String(i + 1).padStart(12, '0')}AAA` }));
}

describe('the audit hash chain', () => {
  it('links each event to the one before and keeps instants to the second', () => {
    const events = chain(3);
    expect(events[0]?.previousEventHash).toBeNull();
    expect(events[1]?.previousEventHash).toBe(events[0]?.eventHash);
    expect(events[2]?.previousEventHash).toBe(events[1]?.eventHash);
    expect(events[0]?.occurredAt).toBe('2026-06-10T08:00:00.000Z');
    expect(events[0]?.details).toBe('{"note":"交接","step":0}');
    expect(events.every((e) => e.eventHash === eventHash(e))).toBe(true);
  });

  it('hashes the same event the same way whatever the API prints for the instant', () => {
    const [event] = chain(1);
    if (event === undefined) throw new Error('no event');
    expect(eventHash({ ...event, occurredAt: '2026-06-10T08:00:00.000+0000' })).toBe(event.eventHash);
    expect(eventHash({ ...event, handoverId: HANDOVER.slice(0, 15) })).toBe(event.eventHash);
  });

  it('verifies an intact log', () => {
    const events = chain(4, ['h0', 'h1', 'h2', 'h3']);
    expect(verifyEventChain(events, { handoverId: HANDOVER, currentContentHash: 'h3' })).toEqual({
      ok: true,
      eventCount: 4,
      headHash: events[3]?.eventHash,
      problems: [],
    });
    expect(verifyEventChain([]).ok).toBe(true);
  });

  it('detects an altered event', () => {
    const events = chain(3);
    const altered = events.map((e, i) => (i === 1 ? { ...e, details: '{"step":99}' } : e));
    const result = verifyEventChain(altered);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'ALTERED', eventId: events[1]?.id })]);
  });

  it('detects an altered hash as a broken link after it', () => {
    const events = chain(3);
    const [first, second, third] = events;
    if (!first || !second || !third) throw new Error('chain');
    // Re-hashing an altered event does not help: the next event still points to the old hash.
    const rewritten = { ...second, details: '{"step":99}' };
    const rehashed = { ...rewritten, eventHash: eventHash(rewritten) };
    expect(verifyEventChain([first, rehashed, third]).problems.map((p) => p.code)).toEqual(['BROKEN_LINK']);
  });

  it('detects a removed event, at the start or in the middle', () => {
    const events = chain(4);
    expect(verifyEventChain(events.filter((_, i) => i !== 2)).problems.map((p) => p.code)).toEqual(['BROKEN_LINK']);
    expect(verifyEventChain(events.slice(1)).problems.map((p) => p.code)).toEqual(['NO_FIRST_EVENT', 'BROKEN_LINK']);
  });

  it('detects a removed last event through the content hash it carried', () => {
    const events = chain(3, ['h0', 'h1', 'h2']);
    const result = verifyEventChain(events.slice(0, 2), { currentContentHash: 'h2' });
    expect(result.problems.map((p) => p.code)).toEqual(['HEAD_CONTENT_MISMATCH']);
  });

  it('detects a fork and events of another handover', () => {
    const events = chain(2);
    const [first] = events;
    if (!first) throw new Error('chain');
    const sibling = chainEvents(HANDOVER, first.eventHash, [
      { action: 'handover.signed', actorId: ACTOR, at: '2026-06-12T08:00:00Z', contentHash: 'x', details: {} },
    ]).map((e) => ({ ...e, id: 'a05000000000099AAA' }));
    expect(verifyEventChain([...events, ...sibling]).problems.map((p) => p.code)).toEqual(['FORK']);
    expect(verifyEventChain(events, { handoverId: 'a01000000000002AAA' }).problems.map((p) => p.code)).toEqual([
      'WRONG_HANDOVER',
      'WRONG_HANDOVER',
    ]);
  });

  it('orders events by their links, whatever order they come in', () => {
    const events = chain(4);
    expect(orderEvents([...events].reverse()).map((e) => e.id)).toEqual(events.map((e) => e.id));
  });
});
