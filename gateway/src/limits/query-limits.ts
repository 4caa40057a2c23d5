import type { DocumentMeasures } from './measure-document';

/** A measure the gateway limits: the document measures plus its tokens. */
export type LimitedMeasure = keyof DocumentMeasures | 'tokens';

/**
 * The most a query may ask, per measure. Every document the repository's own clients send
 * stays within half of each (query-limits.headroom.test.ts prints the largest found).
 */
export const QUERY_LIMITS: Readonly<Record<LimitedMeasure, number>> = {
  depth: 10,
  aliases: 30,
  directives: 20,
  tokens: 1000,
  cost: 5000,
};

/** A measure over its limit, with the value found. */
export interface ExceededLimit {
  measure: LimitedMeasure;
  /** The value found, or where counting stopped when `atLeast`. */
  value: number;
  maximum: number;
  atLeast?: boolean;
}

/** The first measure over its limit, or null. */
export function exceededLimit(measures: DocumentMeasures): ExceededLimit | null {
  for (const measure of ['depth', 'aliases', 'directives', 'cost'] as const) {
    if (measures[measure] > QUERY_LIMITS[measure]) return { measure, value: measures[measure], maximum: QUERY_LIMITS[measure] };
  }
  return null;
}

/** The message a client reads: which limit, the value found and the maximum. */
export function describeExceededLimit({ measure, value, maximum, atLeast }: ExceededLimit): string {
  return `The query exceeds the ${measure} limit: ${atLeast ? 'more than ' : ''}${value} (maximum ${maximum}).`;
}
