import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description: 'What deleteUser would take with the user, shown before an administrator confirms; counted now, so it may change before the deletion.',
})
export class UserDeletionPreview {
  @Field(() => ID, { description: 'The user the preview is about.' })
  userId: string;

  @Field({ description: 'Their username, to show in the confirmation.' })
  username: string;

  @Field(() => Int, { description: 'Open sessions (not revoked, not expired): they end at once, on every device.' })
  openSessions: number;

  @Field(() => Int, {
    description:
      'Pending invitations this user sent. They are not withdrawn: the invitees keep their links and can still join; revoke them first if they should not.',
  })
  pendingInvitationsSent: number;

  @Field(() => Int, { description: 'Operator groups (inboxes) the user is a member of: the memberships go, the groups stay.' })
  operatorGroupMemberships: number;

  @Field(() => Int, {
    description:
      'Audit events the user did or that were done to them, in organisations the caller may see. They stay after the deletion, together with the event recording it.',
  })
  auditEventsKept: number;

  @Field({
    description:
      'Whether those audit events are anonymised. False: they stay as they are, with the user id and, where recorded, the username (the deletion event records it).',
  })
  auditEventsAnonymised: boolean;
}
