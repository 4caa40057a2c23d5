import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { UsersContext } from '../context';

@Resolver()
export class EmailChangeResolver {
  @Mutation(() => Boolean, {
    description:
      "Confirms a change of email address from the link mailed to the new address: it becomes the user's email. " +
      'Single use; an unknown, expired, replaced or used link answers BAD_USER_INPUT.',
  })
  confirmEmailChange(
    @Arg('token', { description: 'The token of the confirmation link (confirm-email?token=…).' }) token: string,
    @Ctx() { emailChanges }: UsersContext,
  ): Promise<boolean> {
    return emailChanges.confirm(token);
  }
}
