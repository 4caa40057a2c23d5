import { Query, Resolver } from 'type-graphql';
import { PERMISSION_CATALOG } from '@tenantry/auth';
import { Permission } from './permission.type';

@Resolver(() => Permission)
export class CatalogResolver {
  @Query(() => [Permission], { description: 'Every permission a role can grant, grouped by key prefix.' })
  permissionCatalog(): Permission[] {
    return PERMISSION_CATALOG.map((permission) => Object.assign(new Permission(), permission));
  }
}
