import type { UsersContext } from '../context';
import type { User } from './user.type';

/** Resolves User references from other subgraphs through the scoped, batching loader. */
export function resolveUserReference(reference: Pick<User, 'id'>, context: UsersContext): Promise<User | null> {
  return context.users().findById(reference.id);
}
