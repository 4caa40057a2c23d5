import type { PermissionsContext } from '../context';
import { User } from './role.type';

/**
 * Resolves User references: the user is known here only by id, so it resolves to null unless
 * a role is found for it in an organisation the caller may see.
 */
export async function resolveUserReference(reference: Pick<User, 'id'>, context: PermissionsContext): Promise<User | null> {
  return (await context.roles().roleOf(reference.id)) ? Object.assign(new User(), { id: reference.id }) : null;
}
