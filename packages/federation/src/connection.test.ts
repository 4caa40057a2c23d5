import 'reflect-metadata';
import { decodeCursor, toConnection } from './connection';

const nodes = [1, 2, 3].map((n) => ({ id: `n${n}`, createdAt: new Date(Date.UTC(2026, 0, n)).toISOString() }));
const sortKey = (node: { createdAt: string }) => node.createdAt;

describe('toConnection', () => {
  it('says a first page has no previous page and starts at its first edge', () => {
    const page = toConnection(nodes, 2, 3, sortKey, null);
    expect(page.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: page.edges[0].cursor,
      endCursor: page.edges[1].cursor,
    });
    expect(decodeCursor(page.pageInfo.startCursor)).toEqual({ key: nodes[0].createdAt, id: 'n1' });
  });

  it('says a page asked with an after cursor has a previous page', () => {
    const first = toConnection(nodes.slice(0, 2), 1, 3, sortKey, null);
    const second = toConnection(nodes.slice(1), 2, 3, sortKey, decodeCursor(first.pageInfo.endCursor));
    expect(second.pageInfo.hasPreviousPage).toBe(true);
    expect(second.pageInfo.startCursor).toBe(second.edges[0].cursor);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('gives an empty page null cursors', () => {
    const page = toConnection([], 2, 0, sortKey, decodeCursor(toConnection(nodes, 1, 3, sortKey, null).pageInfo.endCursor));
    expect(page.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null });
  });
});
