import { timeOrderedId } from './time-ordered-id';

describe('time-ordered ids', () => {
  it('sort as text in the order they were made, even thousands within one millisecond', () => {
    const now = Date.now() + 10_000;
    const ids = Array.from({ length: 5_000 }, () => timeOrderedId(now));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('never go backwards when the clock does', () => {
    const first = timeOrderedId(Date.now() + 20_000);
    expect(timeOrderedId(Date.now()) > first).toBe(true);
  });

  it('are version 7 UUIDs', () => {
    expect(timeOrderedId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
