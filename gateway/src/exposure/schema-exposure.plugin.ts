import type { ApolloServerPlugin } from '@apollo/server';
import type { Principal } from '@tenantry/auth';
import type { SchemaAccessOptions } from './schema-access';
import { asksForSchema, mayReadSchema, schemaRefusal, withoutSuggestions } from './schema-access';

/**
 * Keeps the schema from callers that may not read it (see `mayReadSchema`): refuses
 * `__schema` / `__type` after validation, before any subgraph is asked, and takes the "Did you
 * mean …?" suggestions out of every error of the response (validation, and the gateway's own
 * checks of variables) once the errors are formatted, so no error path can leak one.
 */
export function schemaExposurePlugin(options: SchemaAccessOptions): ApolloServerPlugin<{ principal: Principal }> {
  return {
    async requestDidStart({ contextValue }) {
      const { principal } = contextValue;
      if (mayReadSchema(principal, options)) return;
      return {
        async didResolveOperation({ document }) {
          if (asksForSchema(document)) throw schemaRefusal(principal);
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { singleResult } = response.body;
          if (singleResult.errors) singleResult.errors = singleResult.errors.map((error) => ({ ...error, message: withoutSuggestions(error.message) }));
        },
      };
    },
  };
}
