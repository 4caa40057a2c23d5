import { buildSchema, getIntrospectionQuery, parse } from 'graphql';
import { readSupergraph } from '../gateway';
import { countTokens } from './count-tokens';
import { measureDocument } from './measure-document';
import { exceededLimit } from './query-limits';

const schema = buildSchema(readSupergraph());
const measure = (query: string, variables: Record<string, unknown> = {}) => measureDocument(parse(query), schema, variables);

describe('measuring a document', () => {
  it('counts a field aliased many times once per alias, __typename included', () => {
    expect(measure('{ a: me { id } b: me { id } c: __typename }').aliases).toBe(3);
  });

  it('counts the aliases of a fragment at every spread, nested fragments too', () => {
    const query = 'query { me { ...Twice ...Twice } } fragment Twice on User { x: id ...Inner } fragment Inner on User { y: id z: id }';
    expect(measure(query).aliases).toBe(6);
  });

  it('counts aliases in every operation of the document', () => {
    expect(measure('query A { a: me { id } } query B { b: me { id } c: me { id } }').aliases).toBe(3);
  });

  it('counts directives on fields, fragments and operations', () => {
    const query = 'query Q @skip(if: false) { me @include(if: true) { id @skip(if: false) ... on User @include(if: true) { username } } }';
    expect(measure(query).directives).toBe(4);
  });

  it('measures depth through fragments, not counting the fragments themselves', () => {
    expect(measure('{ me { organisation { name } } }').depth).toBe(3);
    expect(measure('{ me { ...F } } fragment F on User { role { ... on Role { key } } }').depth).toBe(3);
  });

  it('multiplies a connection by its literal first, its variable first, or the default page', () => {
    const page = (first: string) => `query($n: Int) { users(organisationId: "o", ${first}) { edges { node { id } } } }`;
    expect(measure(page('first: 100')).cost).toBe(100 * 3);
    expect(measure(page('first: $n'), { n: 50 }).cost).toBe(50 * 3);
    expect(measure(page('after: "x"')).cost).toBe(20 * 3);
  });

  it('multiplies an unpaged list of objects by the default page, nested lists by each other', () => {
    expect(measure('{ account { organisations { widgets { id } } } }').cost).toBe(1 + 20 * (1 + 20));
  });

  it('lets the introspection query tools send through: its depth and cost are not counted, its aliases are', () => {
    const introspection = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true });
    expect(exceededLimit(measure(introspection))).toBeNull();
    expect(measure('{ __schema { a: types { b: name } } }')).toEqual({ depth: 1, aliases: 2, directives: 0, cost: 0 });
  });

  it('does not let nested spreads make the measuring itself explode', () => {
    const levels = Array.from({ length: 40 }, (_, level) => `fragment F${level} on User { ...F${level + 1} ...F${level + 1} }`);
    const query = `{ me { ...F0 } } ${levels.join(' ')} fragment F40 on User { a: id }`;
    expect(measure(query).aliases).toBe(2 ** 40);
  });
});

describe('counting tokens', () => {
  it('counts what graphql-js maxTokens counts: no comments, no end of file', () => {
    expect(countTokens('{ me { id } } # a comment')).toBe(6);
    expect(() => parse('{ me { id } } # a comment', { maxTokens: 6 })).not.toThrow();
    expect(() => parse('{ me { id } } # a comment', { maxTokens: 5 })).toThrow(/5 tokens/);
  });

  it('stops counting where it is told to', () => {
    expect(countTokens('{ me { id } }', 4)).toBe(4);
  });
});
