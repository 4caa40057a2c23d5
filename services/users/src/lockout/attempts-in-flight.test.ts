import { AttemptsInFlight } from './attempts-in-flight';

describe('checks in flight: who waits, and who decides the lockout', () => {
  it('lets only the last of three failures decide; the earlier ones defer', () => {
    const inFlight = new AttemptsInFlight();
    const slots = [inFlight.begin('u'), inFlight.begin('u'), inFlight.begin('u')];
    expect(inFlight.count('u')).toBe(3);
    expect(slots.map((slot) => slot.leaveAfterFailure())).toEqual([false, false, true]);
    expect(inFlight.count('u')).toBe(0);
  });

  it('passes the decision of a failure to a right password still in flight, which makes it once it leaves', () => {
    const inFlight = new AttemptsInFlight();
    const right = inFlight.begin('u');
    const wrong = inFlight.begin('u');
    expect(wrong.leaveAfterFailure()).toBe(false);
    expect(right.leave()).toBe(true);
    // Decided: nobody else owes it.
    const later = inFlight.begin('u');
    expect(later.leave()).toBe(false);
  });

  it('owes no decision when nothing failed, and ignores a second leave', () => {
    const inFlight = new AttemptsInFlight();
    const slot = inFlight.begin('u');
    const other = inFlight.begin('u');
    expect(slot.leave()).toBe(false);
    expect(slot.leave()).toBe(false);
    expect(slot.leaveAfterFailure()).toBe(false);
    expect(inFlight.count('u')).toBe(1);
    expect(other.leave()).toBe(false);
  });

  it('keeps users apart', () => {
    const inFlight = new AttemptsInFlight();
    const a = inFlight.begin('a');
    inFlight.begin('b');
    expect(a.leaveAfterFailure()).toBe(true);
    expect(inFlight.count('b')).toBe(1);
  });

  it('wakes a waiting check when another of the same user settles, not of another user', async () => {
    const inFlight = new AttemptsInFlight();
    const woken: string[] = [];
    const waiting = inFlight.next('u', 60_000).then(() => woken.push('u'));
    void inFlight.next('v', 60_000).then(() => woken.push('v'));
    inFlight.settled('u');
    await waiting;
    expect(woken).toEqual(['u']);
    inFlight.settled('v');
  });

  it('wakes a waiting check after the fallback when nothing settles here (another instance holds the slots)', async () => {
    const inFlight = new AttemptsInFlight();
    await expect(inFlight.next('u', 5)).resolves.toBeUndefined();
  });
});
