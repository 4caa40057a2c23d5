import type { EntityManager } from '@tenantry/database';
import { randomUUID } from 'node:crypto';
import { WidgetRecord } from './widget.entity';

/** Adds a widget to an organisation, e.g. the first one every new organisation gets. */
export async function insertWidget(manager: EntityManager, organisationId: string, name: string, now = new Date()): Promise<WidgetRecord> {
  const widget = manager.create(WidgetRecord, { id: randomUUID(), organisationId, name, createdAt: now });
  await manager.insert(WidgetRecord, widget);
  return widget;
}
