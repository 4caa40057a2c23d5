/**
 * A condition on a users-table column that holds an organisation id, from the module that owns
 * organisations (its visibility or seat rule): this module asks it without reading that table itself.
 */
export type OrganisationColumnCondition = (column: string) => { sql: string; params: Record<string, unknown> };
