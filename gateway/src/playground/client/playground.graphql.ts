/** A GraphQL error as it arrives in an answer. */
export interface AnswerError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: unknown };
}

/** A GraphQL request as GraphiQL hands it to its fetcher. */
export interface GraphQLRequest {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/** A GraphQL answer, or what stands for one when the gateway did not answer with JSON. */
export interface GraphQLAnswer<TData = Record<string, unknown>> {
  data?: TData | null;
  errors?: AnswerError[];
}

/** Sends one request, as the caller (`accessToken`) or anonymously, to the graph this page was served by. */
export type PostGraphQL = <TData = Record<string, unknown>>(
  request: GraphQLRequest,
  accessToken?: string,
  headers?: Record<string, string>,
) => Promise<GraphQLAnswer<TData>>;

/** POST /graphql on this page's own origin; headers typed into GraphiQL's Headers tab win over the session's. */
export const postGraphQL: PostGraphQL = async <TData>(request: GraphQLRequest, accessToken?: string, headers: Record<string, string> = {}) => {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
      ...headers,
    },
    body: JSON.stringify(request),
  });
  try {
    return (await response.json()) as GraphQLAnswer<TData>;
  } catch {
    return { errors: [{ message: `The gateway answered HTTP ${response.status} without a GraphQL answer.` }] };
  }
};
