import { DataSource } from '@tenantry/database';
import { UserPrincipal } from '@tenantry/auth';
import { createUserLoader } from './user.loaders';
import { toUser } from './user.mapper';
import { User } from './user.type';

/** User reads for one request, scoped to the organisations its principal may see. */
export class UserService {
  private readonly loader;

  constructor(dataSource: DataSource, private readonly principal: UserPrincipal) {
    this.loader = createUserLoader(dataSource, principal.visibleOrganisationIds);
  }

  async findById(id: string): Promise<User | null> {
    const record = await this.loader.load(id);
    return record ? toUser(record) : null;
  }

  me(): Promise<User | null> {
    return this.findById(this.principal.userId);
  }
}
