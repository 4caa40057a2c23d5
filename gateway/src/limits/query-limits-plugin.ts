import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { countTokens } from './count-tokens';
import { measureDocument } from './measure-document';
import type { RepeatedDirective } from './repeated-directives';
import { mostRepeatedDirective } from './repeated-directives';
import type { ExceededLimit } from './query-limits';
import { describeExceededLimit, exceededLimit, QUERY_LIMITS } from './query-limits';

/**
 * Apollo's `parseOptions`: graphql-js stops parsing past the token limit, so a huge document
 * costs no more than a document at the limit (nothing else runs on it).
 */
export const QUERY_LIMIT_PARSE_OPTIONS = { maxTokens: QUERY_LIMITS.tokens };

/** How far a refused document's tokens are counted for the answer (lexing is 10x the aborted parse). */
const TOKENS_COUNTED_AT_MOST = 10 * QUERY_LIMITS.tokens;

function tooComplexExtensions(exceeded: ExceededLimit) {
  return { code: 'QUERY_TOO_COMPLEX', limit: exceeded.measure, value: exceeded.value, maximum: exceeded.maximum };
}

function tooComplexError(exceeded: ExceededLimit): GraphQLError {
  return new GraphQLError(describeExceededLimit(exceeded), {
    extensions: { ...tooComplexExtensions(exceeded), http: { status: 400, headers: new HeaderMap() } },
  });
}

function repeatedDirectiveError({ name, count }: RepeatedDirective): GraphQLFormattedError {
  return {
    message: `The query repeats the directive @${name} ${count} times on one selection (at most once).`,
    extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'directiveRepeats', value: count, maximum: 1 },
  };
}

/**
 * Refuses documents over QUERY_LIMITS with 400 QUERY_TOO_COMPLEX before the gateway plans
 * them, so no subgraph is called. Tokens are refused by the parser (QUERY_LIMIT_PARSE_OPTIONS),
 * whose syntax error this answer replaces; the other measures once the document has passed
 * validation (which refuses unknown fields and fragment cycles), with the request's variables
 * for `first: $n`. A directive repeated on one selection is refused with one error, whatever
 * validation found, so repeating it does not multiply the answer.
 */
export function queryLimitsPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      let overTokenLimit: ExceededLimit | null = null;
      let repeated: RepeatedDirective | null = null;
      return {
        async parsingDidStart({ source }) {
          return async (error) => {
            if (!error) return;
            const tokens = countTokens(source, TOKENS_COUNTED_AT_MOST);
            if (tokens <= QUERY_LIMITS.tokens) return;
            overTokenLimit = { measure: 'tokens', value: tokens, maximum: QUERY_LIMITS.tokens, atLeast: tokens === TOKENS_COUNTED_AT_MOST };
          };
        },
        async validationDidStart({ document }) {
          repeated = mostRepeatedDirective(document);
        },
        async didResolveOperation({ document, schema, request }) {
          const exceeded = exceededLimit(measureDocument(document, schema, request.variables));
          if (exceeded) throw tooComplexError(exceeded);
        },
        async willSendResponse({ response }) {
          if ((!overTokenLimit && !repeated) || response.body.kind !== 'single') return;
          const error: GraphQLFormattedError = overTokenLimit
            ? { message: describeExceededLimit(overTokenLimit), extensions: tooComplexExtensions(overTokenLimit) }
            : repeatedDirectiveError(repeated as RepeatedDirective);
          response.body.singleResult = { errors: [error] };
          response.http.status = 400;
        },
      };
    },
  };
}
