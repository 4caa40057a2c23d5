import type { EntityManager } from '@tenantry/database';
import { AccountRecord } from './account.entity';

/** Whether an account of that name exists, e.g. the demo account a second start must not seed again. */
export function hasAccountNamed(manager: EntityManager, name: string): Promise<boolean> {
  return manager.existsBy(AccountRecord, { name });
}
