import { createHash } from 'node:crypto';
import { isIPv6 } from 'node:net';
import type { DocumentNode, FragmentDefinitionNode, OperationDefinitionNode, SelectionSetNode, FieldNode } from 'graphql';
import { Kind } from 'graphql';
import type { RateLimitRule } from '@tenantry/config';

/** Who is asking, as far as rate limits care. */
export interface Caller {
  /** The client address (Fastify's request.ip: x-forwarded-for only under TRUST_PROXY). */
  ip: string;
  /** The signed-in user, if any. */
  userId?: string;
}

/** Points one request takes from one rule's budget for one key. */
export interface Charge {
  rule: RateLimitRule;
  key: string;
  points: number;
}

/** Where a rule's key comes from: the client address, the signed-in user, or a string argument of the field (a username). */
type KeySource = 'ip' | 'user' | { argument: string };

const TOTP: [RateLimitRule, KeySource][] = [
  ['totp.ip', 'ip'],
  ['totp.user', 'user'],
];

/** The mutations with budgets of their own, besides `mutations.ip` which every root mutation field takes from. */
const FIELD_RULES: Record<string, [RateLimitRule, KeySource][]> = {
  login: [
    ['login.ip', 'ip'],
    ['login.username', { argument: 'username' }],
  ],
  refreshSession: [['refresh.ip', 'ip']],
  requestPasswordReset: [
    ['resetMail.ip', 'ip'],
    ['resetMail.username', { argument: 'usernameOrEmail' }],
  ],
  activateAccount: [['link.ip', 'ip']],
  resetPassword: [['link.ip', 'ip']],
  enableTotp: TOTP,
  confirmTotp: TOTP,
  disableTotp: TOTP,
  resetTotp: TOTP,
};

/**
 * Mutations that create a user and so can answer USERNAME_TAKEN: once a caller has collected
 * the `usernameTaken.*` budget of such answers (probing which names exist), they are refused.
 */
export const USER_CREATING_MUTATIONS: ReadonlySet<string> = new Set(['createUser', 'inviteUser', 'createOrganisation', 'createCustomerOrganisation']);

/** The rate-limited root mutation fields, for the test that each still exists in the schema. */
export const RATE_LIMITED_MUTATIONS: readonly string[] = Object.keys(FIELD_RULES);

/**
 * The key of a client address: IPv4 as is, IPv6 by its /64 (one subscriber's network, which a
 * single client can draw any number of addresses from).
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!isIPv6(ip)) return ip;
  const [head, tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') && tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** The key of a username or email: case and surrounding spaces ignored, hashed so counters hold no personal data. */
export function usernameKey(name: string): string {
  return createHash('sha256').update(name.trim().toLowerCase()).digest('base64url').slice(0, 32);
}

function stringArgument(field: FieldNode, name: string, variables: Record<string, unknown>): string | undefined {
  const value = field.arguments?.find((argument) => argument.name.value === name)?.value;
  if (value?.kind === Kind.STRING) return value.value;
  if (value?.kind === Kind.VARIABLE) {
    const variable = variables[value.name.value];
    return typeof variable === 'string' ? variable : undefined;
  }
  return undefined;
}

/** Every root field of the operation, once per occurrence (so once per alias), through fragments. */
function rootFields(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>): FieldNode[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === '__typename' ? [] : [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(selection.selectionSet, fragments);
    const fragment = fragments.get(selection.name.value);
    return fragment ? rootFields(fragment.selectionSet, fragments) : [];
  });
}

/** What a validated mutation costs: its charges (summed per rule and key) and whether it can create users. */
export interface MutationCost {
  charges: Charge[];
  createsUsers: boolean;
}

/**
 * Prices a mutation before it runs: each root field costs one point per occurrence (ten aliases
 * of `login` cost ten) from `mutations.ip` and from the rules of its field. A username is read
 * from the field's literal argument or its variable; a field without one is still counted per IP.
 */
export function mutationCost(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, caller: Caller): MutationCost {
  const fragments = new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const charges = new Map<string, Charge>();
  const charge = (rule: RateLimitRule, key: string) => {
    const id = `${rule}\u0000${key}`;
    const existing = charges.get(id);
    if (existing) existing.points += 1;
    else charges.set(id, { rule, key, points: 1 });
  };
  const ip = addressKey(caller.ip);
  let createsUsers = false;
  for (const field of rootFields(operation.selectionSet, fragments)) {
    charge('mutations.ip', ip);
    if (USER_CREATING_MUTATIONS.has(field.name.value)) createsUsers = true;
    for (const [rule, source] of FIELD_RULES[field.name.value] ?? []) {
      if (source === 'ip') charge(rule, ip);
      else if (source === 'user') {
        if (caller.userId) charge(rule, caller.userId);
      } else {
        const name = stringArgument(field, source.argument, variables);
        if (name !== undefined) charge(rule, usernameKey(name));
      }
    }
  }
  return { charges: [...charges.values()], createsUsers };
}
