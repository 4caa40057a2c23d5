import { Field, ObjectType } from 'type-graphql';
import { DEFAULT_ACCESS_TOKEN_TTL_SECONDS, DEFAULT_REFRESH_TOKEN_TTL_DAYS } from '@tenantry/config';
import { User } from '../user/user.type';

@ObjectType({ description: 'Tokens of a session: send the access token as `Authorization: Bearer`, trade the refresh token for new ones.' })
export class AuthPayload {
  @Field({ description: `Short-lived bearer token: ${DEFAULT_ACCESS_TOKEN_TTL_SECONDS / 60} minutes by default (ACCESS_TOKEN_TTL_SECONDS).` })
  accessToken: string;

  @Field({
    description: `Single-use token for refreshSession, valid ${DEFAULT_REFRESH_TOKEN_TTL_DAYS} days by default (REFRESH_TOKEN_TTL_DAYS); using it twice ends the session.`,
  })
  refreshToken: string;

  @Field({ description: 'When the access token expires.' })
  expiresAt: Date;

  // Nullable: its fields reach other subgraphs, and a failure there must not take the committed session's tokens with it.
  @Field(() => User, { nullable: true, description: 'The user the tokens belong to.' })
  user: User;

  /** The session the tokens belong to; not in the graph: the rest of the request acts in it. */
  sessionId: string;
}
