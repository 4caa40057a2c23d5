import { Lexer, Source, TokenKind } from 'graphql';

/**
 * Tokens of a query text as graphql-js's `maxTokens` counts them (comments and the end excluded),
 * up to the first lexical error and at most `stopAt`: a refused megabyte of aliases is not lexed
 * to its end only to say by how much it was over.
 */
export function countTokens(query: string, stopAt = Infinity): number {
  const lexer = new Lexer(new Source(query));
  let tokens = 0;
  try {
    while (tokens < stopAt && lexer.advance().kind !== TokenKind.EOF) tokens += 1;
  } catch {
    // A lexical error ends the count: the parser stops there too.
  }
  return tokens;
}
