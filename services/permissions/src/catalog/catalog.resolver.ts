import { Query, Resolver } from 'type-graphql';
import { PERMISSION_CATALOG } from '@tenantry/auth';
import { Permission } from './permission.type';

@Resolver(() => Permission)
export class CatalogResolver {
  @Query(() => [Permission], {
    nullable: true,
    description:
      'Every permission a role can grant, grouped by key prefix. ' +
      'Nullable so that a failure of the permissions subgraph nulls only this field, not the other root fields of the same request.',
  })
  permissionCatalog(): Permission[] {
    return PERMISSION_CATALOG.map((permission) => Object.assign(new Permission(), permission));
  }
}
