import { allow, and, or } from 'graphql-shield';
import type { RuleMap } from '@tenantry/federation';
import { hasPermission, isInVisibleOrganisation } from '@tenantry/auth';

const mayInvite = or(hasPermission('users.invite'), hasPermission('users.manage'));

export const invitationRules: RuleMap = {
  Query: { invitations: mayInvite },
  Mutation: { inviteUser: hasPermission('users.invite'), revokeInvitation: mayInvite },
  Invitation: and(isInVisibleOrganisation, mayInvite),
  InvitationConnection: allow,
  InvitationEdge: allow,
};
