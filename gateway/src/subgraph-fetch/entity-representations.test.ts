import type { EntitiesResponse } from './entity-representations';
import { deduplicateRepresentations } from './entity-representations';

const demo = { __typename: 'Organisation', id: 'o-demo' };
const acme = { __typename: 'Organisation', id: 'o-acme' };

describe('deduplicateRepresentations', () => {
  it('sends each distinct representation once and keeps the other variables', () => {
    const deduplicated = deduplicateRepresentations({ representations: [demo, { ...demo }, acme, demo], locale: 'en' });
    expect(deduplicated?.variables).toEqual({ representations: [demo, acme], locale: 'en' });
  });

  it('leaves fetches without repeated representations alone', () => {
    expect(deduplicateRepresentations({ representations: [demo, acme] })).toBeNull();
    expect(deduplicateRepresentations({ representations: [demo] })).toBeNull();
    expect(deduplicateRepresentations({ first: 20 })).toBeNull();
    expect(deduplicateRepresentations(undefined)).toBeNull();
  });

  it('tells representations with the same id but another type apart', () => {
    const deduplicated = deduplicateRepresentations({ representations: [demo, { __typename: 'Role', id: 'o-demo' }, demo] });
    expect(deduplicated?.variables.representations).toEqual([demo, { __typename: 'Role', id: 'o-demo' }]);
  });

  it('answers every original position, nulls included', () => {
    const deduplicated = deduplicateRepresentations({ representations: [demo, acme, demo, acme, demo] })!;
    const demoEntity = { name: 'Demo' };
    const restored = deduplicated.restore<EntitiesResponse>({ data: { _entities: [demoEntity, null] } });
    expect(restored.data?._entities).toEqual([demoEntity, null, demoEntity, null, demoEntity]);
    expect(restored.errors).toBeUndefined();
  });

  it("repeats an entity's error at every position that sent it, with the rest of its path", () => {
    const deduplicated = deduplicateRepresentations({ representations: [demo, acme, demo] })!;
    const restored = deduplicated.restore({
      data: { _entities: [{ name: 'Demo', parent: null }, null] },
      errors: [
        { message: 'No parent.', path: ['_entities', 0, 'parent'], extensions: { code: 'NOT_FOUND' } },
        { message: 'Not visible.', path: ['_entities', 1] },
        { message: 'Whole fetch failed.' },
      ],
    });
    expect(restored.data?._entities).toEqual([{ name: 'Demo', parent: null }, null, { name: 'Demo', parent: null }]);
    expect(restored.errors).toEqual([
      { message: 'No parent.', path: ['_entities', 0, 'parent'], extensions: { code: 'NOT_FOUND' } },
      { message: 'No parent.', path: ['_entities', 2, 'parent'], extensions: { code: 'NOT_FOUND' } },
      { message: 'Not visible.', path: ['_entities', 1] },
      { message: 'Whole fetch failed.' },
    ]);
  });

  it('hands on an answer that does not fit the representations as it is', () => {
    const deduplicated = deduplicateRepresentations({ representations: [demo, demo] })!;
    const nothing = { data: null, errors: [{ message: 'Internal server error.' }] };
    expect(deduplicated.restore(nothing)).toBe(nothing);
    const tooMany = { data: { _entities: [{}, {}] } };
    expect(deduplicated.restore(tooMany)).toBe(tooMany);
  });
});
