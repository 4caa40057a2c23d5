import type { TenantScope } from '@tenantry/organisations-module';
import type { Widget } from './widget.type';
import type { createVisibleWidgetsLoader } from './user-visible-widgets.loader';

/** Which widgets (sites) users see (docs/product.md#sites-a-user-sees). */
export class UserVisibleWidgetsService {
  constructor(
    private readonly scope: TenantScope,
    private readonly loader: ReturnType<typeof createVisibleWidgetsLoader>,
  ) {}

  /** The widgets the user is limited to, or null for all of their organisation's. */
  of(userId: string): Promise<Widget[] | null> {
    return this.loader.load(userId);
  }

  /** An organisation's widgets as the caller sees them: in their home organisation, only the chosen ones when they are limited. */
  async seenByCaller(organisationId: string, widgets: Widget[]): Promise<Widget[]> {
    if (organisationId !== this.scope.principal.homeOrganisationId) return widgets;
    const chosen = await this.loader.load(this.scope.principal.userId);
    if (!chosen) return widgets;
    const ids = new Set(chosen.map((widget) => widget.id));
    return widgets.filter((widget) => ids.has(widget.id));
  }
}
