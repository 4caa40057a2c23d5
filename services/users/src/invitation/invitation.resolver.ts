import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { PageCountedOnDemand } from '@tenantry/federation';
import { InvitationStatus } from '@tenantry/users-module';
import { DEFAULT_INVITATION_TTL_HOURS } from '@tenantry/config';
import { UsersContext } from '../context';
import { User } from '../user/user.type';
import { Invitation, InvitationConnection, InviteUserInput } from './invitation.type';

@Resolver(() => Invitation)
export class InvitationResolver {
  @Query(() => InvitationConnection, {
    nullable: true,
    description:
      'Invitations of an organisation, oldest first. Users created directly never show here. ' +
      'Nullable so that a failure of the users subgraph nulls only this field, not the other root fields of the same request.',
  })
  invitations(
    @Arg('organisationId', () => ID, { description: 'The organisation whose invitations to list; one the caller may see.' }) organisationId: string,
    @Ctx() { invitations }: UsersContext,
    @Arg('status', () => [InvitationStatus], { nullable: true, description: 'Statuses to show; default all.' }) status?: InvitationStatus[] | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page.' }) after?: string | null,
  ) {
    return invitations().list(organisationId, status, first, after);
  }

  @Mutation(() => Invitation, {
    description: `Invites somebody by email; the link expires after ${DEFAULT_INVITATION_TTL_HOURS} hours by default (INVITATION_TTL_HOURS).`,
  })
  inviteUser(
    @Arg('input', { description: 'Who to invite, into which organisation and with which role.' }) input: InviteUserInput,
    @Ctx() { invitations }: UsersContext,
  ): Promise<Invitation> {
    return invitations().invite(input);
  }

  @Mutation(() => Boolean, { description: 'Revokes an invitation and deletes the invited user too.' })
  revokeInvitation(
    @Arg('id', () => ID, { description: 'A PENDING or EXPIRED invitation.' }) id: string,
    @Ctx() { invitations }: UsersContext,
  ): Promise<boolean> {
    return invitations().revoke(id);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The invited user; null once the invitation was revoked.' })
  async user(@Root() invitation: Invitation, @Ctx() { users }: UsersContext): Promise<User | null> {
    return invitation.userId ? users().findById(invitation.userId) : null;
  }
}

/** totalCount of an invitations page, counted only when a client selects it. */
@Resolver(() => InvitationConnection)
export class InvitationConnectionResolver {
  @FieldResolver(() => Int)
  totalCount(@Root() page: PageCountedOnDemand<Invitation>): Promise<number> {
    return page.countMatching();
  }
}
