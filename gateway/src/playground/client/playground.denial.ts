import type { DocumentNode, FieldNode, OperationDefinitionNode, SelectionSetNode, ValueNode } from 'graphql';
import { Kind, parse } from 'graphql';
import type { AnswerError, GraphQLAnswer, GraphQLRequest, PostGraphQL } from './playground.graphql';
import { EXPLAIN } from './playground.operations';

/**
 * The permission each field's rule asks for (the graphql-shield rules in services/*\/src/**\/*.rules.ts).
 * A denial is explained by the deepest field on the error's path listed here; `can` then says why.
 */
export const FIELD_PERMISSIONS: Readonly<Record<string, string>> = {
  users: 'users.read',
  transferTargets: 'chats.access',
  auditEvents: 'audit.read',
  usersCsv: 'users.export',
  invitations: 'users.invite',
  inviteUser: 'users.invite',
  createUser: 'users.invite',
  revokeInvitation: 'users.invite',
  updateUser: 'users.manage',
  resendActivation: 'users.manage',
  suspendUser: 'users.manage',
  restoreAccess: 'users.manage',
  unlockUser: 'users.manage',
  archiveUser: 'users.manage',
  restoreUser: 'users.manage',
  deleteUser: 'users.manage',
  resetTotp: 'users.manage',
  updateOrganisation: 'organisation.manage',
  createCustomerOrganisation: 'customers.manage',
  createRole: 'roles.manage',
  updateRole: 'roles.manage',
  deleteRole: 'roles.manage',
  assignRole: 'roles.manage',
  privacy: 'organisation.read',
  widgets: 'sites.view',
};

/** Fields only the account owner may use: no permission explains them, the rule is ownership itself. */
export const OWNER_ONLY_FIELDS: ReadonlySet<string> = new Set([
  'createOrganisation',
  'deleteOrganisation',
  'organisationDeletionPreview',
  'makeCustomerIndependent',
  'promoteUser',
  'demoteUser',
]);

/** Fields whose `id` argument is the organisation itself; elsewhere it is `organisationId` (or `input.organisationId`). */
const ORGANISATION_FIELDS: ReadonlySet<string> = new Set(['organisation', 'updateOrganisation']);

/** What the playground can say about one FORBIDDEN error before asking the server. */
export type DenialSubject =
  | { kind: 'permission'; field: string; permission: string; organisationId?: string }
  | { kind: 'owner-only'; field: string }
  | { kind: 'unexplained'; field?: string };

function chosenOperation(document: DocumentNode, operationName?: string | null): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  return operationName ? operations.find((operation) => operation.name?.value === operationName) : operations[0];
}

/** Fields along an error path (by response key: aliases count), fragments included; list indexes are skipped. */
function fieldsAlong(document: DocumentNode, operation: OperationDefinitionNode, path: ReadonlyArray<string | number>): FieldNode[] {
  const fragments = new Map(
    document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [])),
  );
  const find = (selectionSet: SelectionSetNode | undefined, key: string): FieldNode | undefined => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD && (selection.alias ?? selection.name).value === key) return selection;
      const nested =
        selection.kind === Kind.INLINE_FRAGMENT
          ? selection.selectionSet
          : selection.kind === Kind.FRAGMENT_SPREAD
            ? fragments.get(selection.name.value)?.selectionSet
            : undefined;
      const found = nested && find(nested, key);
      if (found) return found;
    }
    return undefined;
  };
  const fields: FieldNode[] = [];
  let selectionSet: SelectionSetNode | undefined = operation.selectionSet;
  for (const key of path) {
    if (typeof key === 'number') continue;
    const field = find(selectionSet, key);
    if (!field) break;
    fields.push(field);
    selectionSet = field.selectionSet;
  }
  return fields;
}

/** A string literal, or the string a variable holds. */
function stringValue(value: ValueNode | undefined, variables: Record<string, unknown>): string | undefined {
  if (value?.kind === Kind.STRING) return value.value;
  const given = value?.kind === Kind.VARIABLE ? variables[value.name.value] : undefined;
  return typeof given === 'string' ? given : undefined;
}

/** `organisationId` as a field takes it: an argument, or inside `input` (inviteUser), literal or from variables. */
function organisationArgument(field: FieldNode, variables: Record<string, unknown>): string | undefined {
  const argument = (name: string) => field.arguments?.find((candidate) => candidate.name.value === name)?.value;
  if (ORGANISATION_FIELDS.has(field.name.value)) return stringValue(argument('id'), variables);
  const direct = stringValue(argument('organisationId'), variables);
  if (direct) return direct;
  const input = argument('input');
  if (input?.kind === Kind.OBJECT) return stringValue(input.fields.find((entry) => entry.name.value === 'organisationId')?.value, variables);
  const given = input?.kind === Kind.VARIABLE ? (variables[input.name.value] as { organisationId?: unknown } | undefined) : undefined;
  return typeof given?.organisationId === 'string' ? given.organisationId : undefined;
}

/** The organisation a field is about, from its own arguments or those of the fields above it. */
function organisationOf(fields: FieldNode[], variables: Record<string, unknown>): string | undefined {
  for (const field of [...fields].reverse()) {
    const found = organisationArgument(field, variables);
    if (found) return found;
  }
  return undefined;
}

/** Which field was refused and which permission (if any) its rule asks for. */
export function denialSubject(query: string, operationName: string | null | undefined, variables: Record<string, unknown>, error: AnswerError): DenialSubject {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return { kind: 'unexplained' };
  }
  const operation = chosenOperation(document, operationName);
  const fields = operation && error.path ? fieldsAlong(document, operation, error.path) : [];
  const field = fields.at(-1)?.name.value;
  for (let index = fields.length - 1; index >= 0; index -= 1) {
    const name = fields[index].name.value;
    if (OWNER_ONLY_FIELDS.has(name)) return { kind: 'owner-only', field: name };
    const permission = FIELD_PERMISSIONS[name];
    if (permission) return { kind: 'permission', field: name, permission, organisationId: organisationOf(fields.slice(0, index + 1), variables) };
  }
  return { kind: 'unexplained', field };
}

/** The FORBIDDEN errors of an answer. */
export function forbiddenErrors(answer: { errors?: ReadonlyArray<AnswerError> }): AnswerError[] {
  return (answer.errors ?? []).filter((error) => error.extensions?.code === 'FORBIDDEN');
}

/** One line of the "why was this refused" panel. */
export interface DenialExplanation {
  /** The refused field, when the error says which. */
  field?: string;
  /** The permission its rule asks for, when one does. */
  permission?: string;
  /** The server's own words: `can`'s reason, or the error message when nothing explains it better. */
  reason: string;
}

/**
 * Explains each FORBIDDEN error of an answer: the permission the refused field needs, and why the
 * caller does not hold it there, from `me { can(permission:, organisationId:) { allowed reason } }`.
 */
export async function explainDenials(request: GraphQLRequest, answer: GraphQLAnswer, post: PostGraphQL, accessToken?: string): Promise<DenialExplanation[]> {
  const explanations: DenialExplanation[] = [];
  const seen = new Set<string>();
  for (const error of forbiddenErrors(answer)) {
    const subject = denialSubject(request.query, request.operationName, request.variables ?? {}, error);
    const key = JSON.stringify(subject);
    if (seen.has(key)) continue;
    seen.add(key);
    if (subject.kind === 'owner-only') {
      explanations.push({ field: subject.field, reason: `only the account owner may use ${subject.field} (${error.message})` });
      continue;
    }
    if (subject.kind === 'unexplained') {
      explanations.push({ field: subject.field, reason: error.message });
      continue;
    }
    const decision = await post<{ me: { can: { allowed: boolean; reason: string } } | null }>(
      { query: EXPLAIN, operationName: 'ExplainDenial', variables: { permission: subject.permission, organisationId: subject.organisationId ?? null } },
      accessToken,
    );
    const can = decision.data?.me?.can;
    const reason = !can
      ? `${error.message} (the graph would not explain: ${decision.errors?.map((problem) => problem.message).join(' ') || 'no answer'})`
      : can.allowed
        ? `${can.reason}, yet the server refused: ${error.message}`
        : can.reason;
    explanations.push({ field: subject.field, permission: subject.permission, reason });
  }
  return explanations;
}
