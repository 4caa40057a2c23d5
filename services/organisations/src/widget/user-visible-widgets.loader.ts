import DataLoader from 'dataloader';
import type { TenantScope } from '@tenantry/organisations-module';
import { visibleWidgetsOfUsers } from '@tenantry/organisations-module';
import type { Widget } from './widget.type';

/**
 * The widgets each user is limited to, oldest first, or null when they see every widget of their
 * organisation (docs/product.md#sites-a-user-sees); one SELECT per batch, and only widgets of
 * organisations the caller may see.
 */
export function createVisibleWidgetsLoader(scope: TenantScope): DataLoader<string, Widget[] | null> {
  return new DataLoader(async (userIds) => {
    const byUser = await visibleWidgetsOfUsers(scope.database.manager, [...new Set(userIds)]);
    const visible = await Promise.all(
      userIds.map(async (id) => {
        const widgets = byUser.get(id);
        if (!widgets) return null;
        const seen = await Promise.all(widgets.map((widget) => scope.visibility.canSee(widget.organisationId)));
        return widgets.filter((_, index) => seen[index]);
      }),
    );
    return visible;
  });
}
