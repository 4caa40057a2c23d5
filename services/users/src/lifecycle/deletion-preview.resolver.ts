import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { UsersContext } from '../context';
import { UserDeletionPreview } from './deletion-preview.type';

@Resolver()
export class UserDeletionPreviewResolver {
  @Query(() => UserDeletionPreview, {
    description:
      'What deleteUser would take with the user: sessions, memberships, what stays. For those who may delete the user (users.manage, administration rule).',
  })
  userDeletionPreview(
    @Arg('id', () => ID, { description: 'The user to be deleted.' }) id: string,
    @Ctx() { deletionPreviews }: UsersContext,
  ): Promise<UserDeletionPreview> {
    return deletionPreviews().preview(id);
  }
}
