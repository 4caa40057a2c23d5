import type { GraphQLSchema } from 'graphql';
import type { InternalErrorLogger } from '@tenantry/federation';
import { applyRules, buildFederatedSchema, PageInfo } from '@tenantry/federation';
import { ActivationResolver } from './activation/activation.resolver';
import { activationRules } from './activation/activation.rules';
import { AccountAuditResolver, resolveAccountReference } from './audit/account-audit.resolver';
import { Account } from './audit/account.type';
import { AuditResolver } from './audit/audit.resolver';
import { auditRules } from './audit/audit.rules';
import { EmailChangeResolver } from './email-change/email-change.resolver';
import { emailChangeRules } from './email-change/email-change.rules';
import { ExportResolver } from './export/export.resolver';
import { exportRules } from './export/export.rules';
import { InvitationConnectionResolver, InvitationResolver } from './invitation/invitation.resolver';
import { invitationRules } from './invitation/invitation.rules';
import { UserDeletionPreviewResolver } from './lifecycle/deletion-preview.resolver';
import { deletionPreviewRules } from './lifecycle/deletion-preview.rules';
import { LifecycleResolver } from './lifecycle/lifecycle.resolver';
import { RestorableUntilResolver } from './lifecycle/restorable-until.resolver';
import { lifecycleRules } from './lifecycle/lifecycle.rules';
import { PasswordResolver } from './password/password.resolver';
import { passwordRules } from './password/password.rules';
import { PreferencesResolver } from './preferences/preferences.resolver';
import { preferencesRules } from './preferences/preferences.rules';
import { SessionResolver } from './session/session.resolver';
import { sessionRules } from './session/session.rules';
import { TotpResolver } from './totp/totp.resolver';
import { totpRules } from './totp/totp.rules';
import { UserConnectionResolver, UserResolver } from './user/user.resolver';
import { resolveUserReference } from './user/user.reference';
import { userRules } from './user/user.rules';

const resolvers = [
  UserResolver,
  UserConnectionResolver,
  SessionResolver,
  InvitationResolver,
  InvitationConnectionResolver,
  ActivationResolver,
  PasswordResolver,
  TotpResolver,
  PreferencesResolver,
  LifecycleResolver,
  ExportResolver,
  AuditResolver,
  EmailChangeResolver,
  RestorableUntilResolver,
  UserDeletionPreviewResolver,
  AccountAuditResolver,
] as const;

/** The users subgraph schema without rules: what its SDL file is printed from. */
export function buildUsersSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers, orphanedTypes: [PageInfo, Account] },
    {
      User: { __resolveReference: resolveUserReference },
      Account: { __resolveReference: resolveAccountReference },
    },
  );
}

/** Every rule of the subgraph, by domain module. */
export const usersRules = [
  userRules,
  sessionRules,
  invitationRules,
  activationRules,
  passwordRules,
  totpRules,
  preferencesRules,
  lifecycleRules,
  exportRules,
  auditRules,
  emailChangeRules,
  deletionPreviewRules,
];

/** The schema the subgraph serves: every field behind graphql-shield. */
export async function buildGuardedUsersSchema(onInternalError: InternalErrorLogger): Promise<GraphQLSchema> {
  return applyRules(await buildUsersSchema(), usersRules, onInternalError);
}
