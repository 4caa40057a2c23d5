import { Lexer, Source, TokenKind } from 'graphql';

/**
 * Tokens of a query text as graphql-js's `maxTokens` counts them (comments and the end excluded),
 * up to the first lexical error. Only run on a document the parser already refused, to say how
 * far over the limit it was.
 */
export function countTokens(query: string): number {
  const lexer = new Lexer(new Source(query));
  let tokens = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) tokens += 1;
  } catch {
    // A lexical error ends the count: the parser stops there too.
  }
  return tokens;
}
