import type { ApolloServerPlugin, BaseContext, GraphQLRequestContext } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';

/** A client mistake found before execution: BAD_USER_INPUT with 400, the request never runs. */
function requestMistake(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400, headers: new HeaderMap() } } });
}

/** Why the document cannot run as asked, or null: the operation it names must exist and be a query or mutation. */
function operationMistake(context: GraphQLRequestContext<BaseContext>): GraphQLError | null {
  const { operation, request, document } = context;
  if (!operation) {
    const operations = document?.definitions.filter((definition) => definition.kind === 'OperationDefinition') ?? [];
    if (request.operationName) return requestMistake(`operationName "${request.operationName}" names no operation in the document.`);
    if (operations.length > 1) return requestMistake('The document holds several operations: say which one to run with operationName.');
    return requestMistake('The document holds no operation.');
  }
  // The graph serves no subscriptions; a gateway would otherwise fail to plan one (a 500).
  if (operation.operation === 'subscription') return requestMistake('This graph has no subscriptions: send a query or a mutation.');
  return null;
}

/**
 * Statuses of requests that never ran (no `data` at all), by their final code. Apollo answers an
 * unknown persisted-query hash with 200; it is a 404 here, which persisted-query clients retry
 * with the full query just as well (a 400 would make older ones stop sending hashes).
 */
const REQUEST_ERROR_STATUS: Record<string, number> = {
  PERSISTED_QUERY_NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
};

export interface ClientMistakesOptions {
  /**
   * Whether an operation that returned nothing (`data: null`) only because its arguments were
   * refused (over a limit, a name with invisible characters, a page size over 100: errors that
   * name the arguments in `extensions.fields`) answers 400, like a variable of the wrong type.
   * Outcomes a resolver decides from the data (a wrong TOTP code) stay 200. Only at the edge: the
   * gateway reads any status but 200 from a subgraph as that subgraph failing.
   */
  refusedInputIs400: boolean;
}

/** The HTTP status a response should have instead of the one it has, or undefined to keep it. */
function mistakeStatus(
  result: { data?: unknown; errors?: readonly { extensions?: Record<string, unknown> }[] },
  options: ClientMistakesOptions,
): number | undefined {
  const errors = result.errors ?? [];
  if (result.data === undefined) {
    const code = errors[0]?.extensions?.code;
    return typeof code === 'string' ? REQUEST_ERROR_STATUS[code] : undefined;
  }
  const refusedInput = result.data === null && errors.length > 0 && errors.every((error) => Array.isArray(error.extensions?.fields));
  return options.refusedInputIs400 && refusedInput ? 400 : undefined;
}

/**
 * Answers client mistakes that Apollo (or, behind it, the gateway's query planner) would run
 * into as internal errors: an operationName that matches nothing, several operations without
 * one, a subscription. Gives requests that failed before execution a 4xx status, and (at the edge)
 * operations whose arguments were refused as a whole a 400. On the gateway and every subgraph.
 */
export function clientMistakesPlugin(options: ClientMistakesOptions): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(context) {
          const mistake = operationMistake(context);
          if (mistake) throw mistake;
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const status = mistakeStatus(response.body.singleResult, options);
          if (status && (response.http.status === undefined || response.http.status < 400)) response.http.status = status;
        },
      };
    },
  };
}
