import type { EntityManager } from '@tenantry/database';
import { In } from '@tenantry/database';
import { UserVisibleWidgetRecord } from './user-visible-widget.entity';
import { WidgetRecord } from './widget.entity';

/** A widget as a user's choice of sites names it. */
export interface WidgetSummary {
  id: string;
  organisationId: string;
  name: string;
  createdAt: Date;
}

/** Of these ids, the widgets that belong to the organisation: what a choice of sites or reply accounts may name. */
export async function widgetsOfOrganisation(manager: EntityManager, organisationId: string, ids: string[]): Promise<WidgetSummary[]> {
  if (!ids.length) return [];
  return manager.find(WidgetRecord, { where: { organisationId, id: In(ids) }, order: { createdAt: 'ASC', id: 'ASC' } });
}

/** The widgets each user is limited to, oldest first; a user without a limit is absent from the map. */
export async function visibleWidgetsOfUsers(manager: EntityManager, userIds: readonly string[]): Promise<Map<string, WidgetSummary[]>> {
  const byUser = new Map<string, WidgetSummary[]>();
  if (!userIds.length) return byUser;
  const rows = await manager
    .createQueryBuilder(UserVisibleWidgetRecord, 'uvw')
    .innerJoin(WidgetRecord, 'w', 'w.id = uvw.widget_id')
    .select(['uvw.user_id AS userId', 'w.id AS id', 'w.organisation_id AS organisationId', 'w.name AS name', 'w.created_at AS createdAt'])
    .where('uvw.user_id IN (:...userIds)', { userIds: [...userIds] })
    .orderBy('w.created_at', 'ASC')
    .addOrderBy('w.id', 'ASC')
    .getRawMany<WidgetSummary & { userId: string }>();
  for (const { userId, ...widget } of rows) {
    const list = byUser.get(userId) ?? [];
    list.push({ ...widget, createdAt: new Date(widget.createdAt) });
    byUser.set(userId, list);
  }
  return byUser;
}

/** Replaces the widgets a user is limited to; none lifts the limit. */
export async function setVisibleWidgetsOfUser(manager: EntityManager, userId: string, widgetIds: string[]): Promise<void> {
  await manager.delete(UserVisibleWidgetRecord, { userId });
  if (widgetIds.length)
    await manager.insert(
      UserVisibleWidgetRecord,
      [...new Set(widgetIds)].map((widgetId) => ({ userId, widgetId })),
    );
}
