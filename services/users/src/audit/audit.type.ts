import { Field, ID, ObjectType } from 'type-graphql';
import { ConnectionType } from '@tenantry/federation';

@ObjectType({ description: 'A security-relevant change: logins, lockouts, status changes, invitations, activations. Never holds secrets.' })
export class AuditEvent {
  @Field(() => ID, { description: 'Stable identifier of the event.' })
  id: string;

  /** Not exposed: for rules and scoping. */
  organisationId: string;

  @Field({ description: 'What happened, e.g. "user.login_failed", "user.locked", "user.suspended".' })
  action: string;

  @Field(() => ID, { nullable: true, description: 'Who did it; null for the system or an anonymous caller.' })
  actorId: string | null;

  @Field(() => ID, { nullable: true, description: 'What it was done to, usually a user id.' })
  targetId: string | null;

  @Field({ description: 'Non-secret facts about the change, as a JSON object.' })
  details: string;

  @Field({ description: 'When it happened.' })
  createdAt: Date;
}

export const AuditEventConnection = ConnectionType(AuditEvent, 'AuditEvent');
