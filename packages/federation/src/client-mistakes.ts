import { ApolloServerPlugin, BaseContext, GraphQLRequestContext, HeaderMap } from '@apollo/server';
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

/**
 * Answers client mistakes that Apollo (or, behind it, the gateway's query planner) would run
 * into as internal errors: an operationName that matches nothing, several operations without
 * one, a subscription. Also gives every request that failed before execution a 4xx status.
 * Installed on the gateway and on every subgraph, so both answer alike.
 */
export function clientMistakesPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(context) {
          const mistake = operationMistake(context);
          if (mistake) throw mistake;
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || response.body.singleResult.data !== undefined) return;
          const code = response.body.singleResult.errors?.[0]?.extensions?.code;
          const status = typeof code === 'string' ? REQUEST_ERROR_STATUS[code] : undefined;
          if (status && (response.http.status === undefined || response.http.status < 400)) response.http.status = status;
        },
      };
    },
  };
}
