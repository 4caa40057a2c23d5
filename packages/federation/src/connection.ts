import { ClassType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { graphqlError } from '@tenantry/auth';

/** Relay page information; shared by every subgraph's connections. */
@Directive('@shareable')
@ObjectType({ description: 'Where a page of a connection ends and whether more follow.' })
export class PageInfo {
  @Field({ description: 'Whether another page follows this one.' })
  hasNextPage: boolean;

  @Field({
    description:
      'Whether this page was asked for with an `after` cursor, i.e. it is not the first page. ' +
      'Pagination runs forward only, so this is true for every page fetched with `after`, even if rows before that cursor have since been removed.',
  })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge; null when the page is empty.' })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; pass it as `after` for the next page.' })
  endCursor: string | null;
}

/** Keyset position: the sort key (an ISO timestamp: every list here is ordered by time) and id of the last row seen. */
export interface Cursor {
  key: string;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url');
}

export function decodeCursor(after: string | undefined | null): Cursor | null {
  if (!after) return null;
  try {
    const [key, id] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    if (typeof key === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(key))) return { key, id };
  } catch {
    // fall through to the error below
  }
  throw graphqlError('BAD_USER_INPUT', 'The `after` cursor is not valid.', { fields: ['after'] });
}

export const MAX_PAGE_SIZE = 100;

/** The page size when `first` is not given. */
export const DEFAULT_PAGE_SIZE = 20;

/** Validates `first`: 1..100, default 20. */
export function pageSize(first: number | undefined | null): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw graphqlError('BAD_USER_INPUT', `first must be between 1 and ${MAX_PAGE_SIZE}.`, { fields: ['first'] });
  }
  return first;
}

export interface Connection<TNode> {
  edges: { node: TNode; cursor: string }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * Builds a page from rows fetched with one extra row beyond `size` (that extra row proves a next
 * page). `after` is the decoded cursor the page was asked with: a page asked with one has a previous page.
 */
export function toPage<TNode extends { id: string }>(
  rows: TNode[],
  size: number,
  sortKey: (node: TNode) => string,
  after: Cursor | null,
): Omit<Connection<TNode>, 'totalCount'> {
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ node, cursor: encodeCursor({ key: sortKey(node), id: node.id }) }));
  const pageInfo = {
    hasNextPage: rows.length > size,
    hasPreviousPage: after !== null,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges.at(-1)?.cursor ?? null,
  };
  return { edges, pageInfo };
}

/** A page whose totalCount is counted only when a client selects it: the connection's field resolver calls countMatching. */
export interface PageCountedOnDemand<TNode> extends Omit<Connection<TNode>, 'totalCount'> {
  countMatching(): Promise<number>;
}

/** A page (see toPage) with how many items match over all pages. */
export function toConnection<TNode extends { id: string }>(
  rows: TNode[],
  size: number,
  totalCount: number,
  sortKey: (node: TNode) => string,
  after: Cursor | null,
): Connection<TNode> {
  return { ...toPage(rows, size, sortKey, after), totalCount };
}

/** Declares `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function ConnectionType<TNode extends object>(nodeType: ClassType<TNode>, name: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page.` })
  class Edge {
    @Field(() => nodeType, { description: `The ${name} itself.` })
    node: TNode;

    @Field({ description: 'Opaque position of this edge.' })
    cursor: string;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class ConnectionClass {
    @Field(() => [Edge], { description: 'The items of this page, in the order of the list.' })
    edges: Edge[];

    @Field(() => PageInfo, { description: 'Whether more pages follow and the cursor to ask for the next one with.' })
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'How many items match, over all pages.' })
    totalCount: number;
  }
  return ConnectionClass;
}
