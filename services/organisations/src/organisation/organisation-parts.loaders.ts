import DataLoader from 'dataloader';
import { DataSource, In } from '@tenantry/database';
import { OperatorGroupRecord, WidgetRecord } from '@tenantry/organisations-module';
import { OperatorGroup } from '../operator-group/operator-group.type';
import { Widget } from '../widget/widget.type';

type PartRecord = typeof WidgetRecord | typeof OperatorGroupRecord;

/** Rows of a per-organisation table for many organisations in one SELECT, oldest first. */
function createPartsLoader<T extends { organisationId: string }>(dataSource: DataSource, record: PartRecord, visibleIds: readonly string[]) {
  const visible = new Set(visibleIds);
  return new DataLoader<string, T[]>(async (organisationIds) => {
    const wanted = [...new Set(organisationIds.filter((id) => visible.has(id)))];
    const rows = wanted.length
      ? ((await dataSource.getRepository(record).find({ where: { organisationId: In(wanted) }, order: { createdAt: 'ASC', id: 'ASC' } })) as unknown as T[])
      : [];
    return organisationIds.map((id) => rows.filter((row) => row.organisationId === id));
  });
}

export const createWidgetsLoader = (dataSource: DataSource, visibleIds: readonly string[]) =>
  createPartsLoader<Widget>(dataSource, WidgetRecord, visibleIds);

export const createOperatorGroupsLoader = (dataSource: DataSource, visibleIds: readonly string[]) =>
  createPartsLoader<OperatorGroup>(dataSource, OperatorGroupRecord, visibleIds);
