import DataLoader from 'dataloader';
import { In } from '@tenantry/database';
import type { TenantScope } from '@tenantry/organisations-module';
import { OperatorGroupRecord, WidgetRecord } from '@tenantry/organisations-module';
import type { OperatorGroup } from '../operator-group/operator-group.type';
import type { Widget } from '../widget/widget.type';

type PartRecord = typeof WidgetRecord | typeof OperatorGroupRecord;

/** Rows of a per-organisation table for many visible organisations in one SELECT, oldest first. */
function createPartsLoader<T extends { organisationId: string }>(scope: TenantScope, record: PartRecord) {
  return new DataLoader<string, T[]>(async (organisationIds) => {
    const seen = await Promise.all(organisationIds.map((id) => scope.visibility.canSee(id)));
    const wanted = [...new Set(organisationIds.filter((_id, index) => seen[index]))];
    const rows = wanted.length
      ? ((await scope.database.manager
          .getRepository(record)
          .find({ where: { organisationId: In(wanted) }, order: { createdAt: 'ASC', id: 'ASC' } })) as unknown as T[])
      : [];
    return organisationIds.map((id) => rows.filter((row) => row.organisationId === id));
  });
}

export const createWidgetsLoader = (scope: TenantScope) => createPartsLoader<Widget>(scope, WidgetRecord);

export const createOperatorGroupsLoader = (scope: TenantScope) => createPartsLoader<OperatorGroup>(scope, OperatorGroupRecord);
