import type { EntityManager } from '@tenantry/database';
import { OrganisationRecord } from '../organisation/organisation.entity';
import type { VisibilitySubject } from './organisation-visibility';
import { visibleOrganisationCondition } from './organisation-visibility';

/** How many organisations `subject` sees that `other` does not: zero when `other` sees all that `subject` does. */
export function countOrganisationsSeenOnlyBy(manager: EntityManager, subject: VisibilitySubject, other: VisibilitySubject): Promise<number> {
  const subjectSees = visibleOrganisationCondition(subject, 'o', 'subject');
  const otherSees = visibleOrganisationCondition(other, 'o', 'other');
  return manager
    .getRepository(OrganisationRecord)
    .createQueryBuilder('o')
    .where(subjectSees.sql, subjectSees.params)
    .andWhere(`NOT ${otherSees.sql}`, otherSees.params)
    .getCount();
}
