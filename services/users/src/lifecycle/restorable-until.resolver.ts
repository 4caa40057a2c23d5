import { FieldResolver, Resolver, Root } from 'type-graphql';
import { RESTORE_WINDOW_DAYS } from '@tenantry/config';
import { User } from '../user/user.type';
import { restorableUntil } from './restore-window';

@Resolver(() => User)
export class RestorableUntilResolver {
  @FieldResolver(() => Date, {
    nullable: true,
    description: `For an ARCHIVED user: until when restoreUser can bring them back (archivedAt plus ${RESTORE_WINDOW_DAYS} days); null otherwise.`,
  })
  restorableUntil(@Root() user: User): Date | null {
    return restorableUntil(user);
  }
}
