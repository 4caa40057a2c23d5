import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Whether the caller may do something, and why: for explaining a denial.' })
export class Decision {
  @Field({ description: 'True when the permission may be used there.' })
  allowed: boolean;

  @Field({ description: 'Human-readable, e.g. "role OPERATOR lacks users.invite" or "organisation is not visible to you".' })
  reason: string;
}
