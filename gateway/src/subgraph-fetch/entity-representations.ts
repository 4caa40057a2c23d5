import type { GraphQLFormattedError } from 'graphql';

/** The part of a subgraph answer the gateway reads back into entity positions. */
export interface EntitiesResponse {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
}

/** An `_entities` fetch with each representation sent once, and the way back to every original position. */
export interface DeduplicatedRepresentations {
  variables: Record<string, unknown>;
  /** The answer as the subgraph would have given it to the original representations. */
  restore<T extends EntitiesResponse>(response: T): T;
}

/**
 * Sends each distinct representation of an `_entities` fetch once: a page of 50 users of one
 * organisation asks the organisations subgraph for that organisation once, not 50 times. Null
 * when the variables hold no repeated representation. The restored answer puts the same entity
 * object at each position of a repeated representation; the gateway copies it into each parent
 * field by field, and its rewrites of an entity can run on it again without changing it.
 */
export function deduplicateRepresentations(variables: Record<string, unknown> | undefined): DeduplicatedRepresentations | null {
  const representations = variables?.representations;
  if (!Array.isArray(representations) || representations.length < 2) return null;
  const distinct: unknown[] = [];
  const indexOfKey = new Map<string, number>();
  /** The distinct representation each original position sends. */
  const sentAs = representations.map((representation) => {
    const key = JSON.stringify(representation);
    let index = indexOfKey.get(key);
    if (index === undefined) {
      index = distinct.push(representation) - 1;
      indexOfKey.set(key, index);
    }
    return index;
  });
  if (distinct.length === representations.length) return null;
  return {
    variables: { ...variables, representations: distinct },
    restore: (response) => restoreEntities(response, sentAs, distinct.length),
  };
}

function restoreEntities<T extends EntitiesResponse>(response: T, sentAs: number[], distinctCount: number): T {
  const entities = response.data?._entities;
  // Anything else is not an answer to these representations: the gateway reports it as it is.
  if (!Array.isArray(entities) || entities.length !== distinctCount) return response;
  const positionsOf: number[][] = Array.from({ length: distinctCount }, () => []);
  sentAs.forEach((index, position) => positionsOf[index].push(position));
  // An error at one distinct entity is an error at every position that sent it.
  const errors = response.errors?.flatMap((error) => {
    const [head, index, ...rest] = error.path ?? [];
    if (head !== '_entities' || typeof index !== 'number' || !positionsOf[index]) return [error];
    return positionsOf[index].map((position) => ({ ...error, path: ['_entities', position, ...rest] }));
  });
  return {
    ...response,
    data: { ...response.data, _entities: sentAs.map((index) => entities[index]) },
    ...(errors ? { errors } : {}),
  };
}
