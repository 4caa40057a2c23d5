import type { EntityManager } from '@tenantry/database';
import type { TenantScope } from '@tenantry/organisations-module';
import {
  OperatorGroupRecord,
  OrganisationKind,
  OrganisationRecord,
  WidgetRecord,
  findVisibleOrganisation,
  lockAccount,
  replaceEmbedOrigins,
} from '@tenantry/organisations-module';
import { countRolesOf } from '@tenantry/permissions-module';
import { countLiveSessionsOf, countPendingInvitationsOf, countUsersOf, recordAudit } from '@tenantry/users-module';
import { graphqlError } from '@tenantry/auth';
import { createUserWithRole, mailCredentials, provisionOrganisation, reserveSeats } from '@tenantry/provisioning';
import { normaliseEmbedOrigins } from '../embed/embed-origins';
import { assertNameAvailable } from './organisation-names';
import { toOrganisation } from './organisation.mapper';
import type { CreateCustomerOrganisationInput, CreateOrganisationInput, FirstUserInput, UpdateOrganisationInput } from './organisation.inputs';
import type { CreateOrganisationPayload, DeleteOrganisationPayload, DeletionPreview } from './organisation-payloads.type';
import type { Organisation } from './organisation.type';
import type { OrganisationsSettings } from '../context';

const notFound = () => graphqlError('NOT_FOUND', 'Organisation not found.');

/** Creating, changing and deleting organisations: each use case is one transaction. */
export class OrganisationLifecycleService {
  constructor(
    private readonly scope: TenantScope,
    private readonly settings: OrganisationsSettings,
  ) {}

  /** The organisation, its MANAGER, widget, group, activation mail and audit event, or nothing (docs/product.md#accounts-and-organisations). */
  async create(input: CreateOrganisationInput): Promise<CreateOrganisationPayload> {
    return this.scope.database.transaction(async (manager) => {
      await reserveSeats(manager, this.scope.principal.accountId);
      await assertNameAvailable(
        manager,
        this.scope.principal,
        { kind: OrganisationKind.SUB, accountId: this.scope.principal.accountId, managingOrganisationId: null },
        input.name,
      );
      const provisioned = await provisionOrganisation(manager, {
        accountId: this.scope.principal.accountId,
        kind: OrganisationKind.SUB,
        name: input.name,
        language: input.language,
        location: input.location ?? null,
        privacy: input.privacy ? { ...input.privacy } : undefined,
      });
      const operator = await this.createFirstUser(manager, provisioned.organisation, input.firstOperator, 'MANAGER');
      await recordAudit(manager, {
        accountId: this.scope.principal.accountId,
        organisationId: provisioned.organisation.id,
        actorUserId: this.scope.principal.userId,
        action: 'organisation.created',
        targetId: provisioned.organisation.id,
        details: { name: input.name, firstOperatorId: operator.id },
      });
      return {
        organisation: toOrganisation(provisioned.organisation),
        firstOperator: { id: operator.id },
        // accountId lets the owner's rule show parts of an organisation their principal predates.
        widget: { ...provisioned.widget, accountId: this.scope.principal.accountId },
        operatorGroup: { ...provisioned.operatorGroup, accountId: this.scope.principal.accountId },
      };
    });
  }

  async update(id: string, input: UpdateOrganisationInput): Promise<Organisation> {
    const embedOrigins = input.embedOrigins ? normaliseEmbedOrigins(input.embedOrigins) : undefined;
    return this.scope.database.transaction(async (manager) => {
      // Locked before the first read (every organisation the principal sees is in its account): on
      // MySQL a later lock would leave the name check reading data older than a racing rename.
      await lockAccount(manager, this.scope.principal.accountId);
      const organisation = await findVisibleOrganisation(manager, this.scope.principal, id);
      const renamed = input.name && input.name !== organisation.name;
      if (renamed && organisation.kind === OrganisationKind.CUSTOMER && organisation.id === this.scope.principal.homeOrganisationId) {
        throw graphqlError('FORBIDDEN', 'The managing organisation names its customers.');
      }
      if (renamed) await assertNameAvailable(manager, this.scope.principal, organisation, input.name!);
      if (embedOrigins && organisation.kind === OrganisationKind.CUSTOMER) {
        throw graphqlError('BAD_USER_INPUT', 'A customer organisation has no customers whose login a portal could embed.', { field: 'embedOrigins' });
      }
      const changes = {
        ...(input.name ? { name: input.name } : {}),
        ...(input.language ? { language: input.language } : {}),
        // An explicit null or empty location clears it; leaving it out keeps it.
        ...(input.location !== undefined ? { location: input.location || null } : {}),
        ...(input.privacy ? { privacy: { ...input.privacy } } : {}),
      };
      if (Object.keys(changes).length === 0 && !embedOrigins) return toOrganisation(organisation);
      if (Object.keys(changes).length > 0) await manager.update(OrganisationRecord, { id }, changes);
      // The embedded customer login (docs/product.md#embeddable-customer-login): who may frame it is security-relevant, so the audit keeps the list.
      if (embedOrigins) await replaceEmbedOrigins(manager, id, embedOrigins);
      await recordAudit(manager, {
        accountId: organisation.accountId,
        organisationId: id,
        actorUserId: this.scope.principal.userId,
        action: 'organisation.updated',
        targetId: id,
        details: { changed: [...Object.keys(changes), ...(embedOrigins ? ['embedOrigins'] : [])], ...(embedOrigins ? { embedOrigins } : {}) },
      });
      return toOrganisation({ ...organisation, ...changes });
    });
  }

  /** What deletion would destroy (docs/product.md#organisation-deletion). */
  async preview(id: string): Promise<DeletionPreview> {
    return this.countContents(this.scope.database.manager, await this.deletable(this.scope.database.manager, id));
  }

  /**
   * Deletes the organisation and everything in it (foreign keys cascade) after the exact
   * name was typed; its users' sessions go with them, so their tokens stop working at once.
   */
  async delete(id: string, confirmName: string): Promise<DeleteOrganisationPayload> {
    return this.scope.database.transaction(async (manager) => {
      const organisation = await this.deletable(manager, id);
      if (confirmName !== organisation.name) {
        throw graphqlError('CONFIRMATION_MISMATCH', "Type the organisation's exact name to delete it.");
      }
      const deleted = await this.countContents(manager, organisation);
      const customers = await manager.find(OrganisationRecord, { select: { id: true }, where: { managingOrganisationId: id } });
      const endedSessions = await countLiveSessionsOf(manager, [id, ...customers.map((c) => c.id)]);
      await manager.delete(OrganisationRecord, { id });
      await recordAudit(manager, {
        accountId: organisation.accountId,
        organisationId: null,
        actorUserId: this.scope.principal.userId,
        action: 'organisation.deleted',
        targetId: id,
        details: { ...deleted, endedSessions },
      });
      return { deletedOrganisationId: id, deleted, endedSessions };
    });
  }

  /** A CUSTOMER organisation managed by the caller's home organisation, with its first ADMINISTRATOR (docs/product.md#customers). */
  async createCustomer(input: CreateCustomerOrganisationInput): Promise<Organisation> {
    return this.scope.database.transaction(async (manager) => {
      // The account lock, taken first, makes the name check and the insert one step.
      await lockAccount(manager, this.scope.principal.accountId);
      // Customers belong to the caller's home organisation, whose administrators see them (resolvePrincipal).
      const managing = await findVisibleOrganisation(manager, this.scope.principal, this.scope.principal.homeOrganisationId);
      if (managing.kind === OrganisationKind.CUSTOMER) throw graphqlError('FORBIDDEN', 'Customer organisations cannot have customers.');
      await assertNameAvailable(
        manager,
        this.scope.principal,
        { kind: OrganisationKind.CUSTOMER, accountId: managing.accountId, managingOrganisationId: managing.id },
        input.name,
      );
      const { organisation } = await provisionOrganisation(manager, {
        accountId: managing.accountId,
        kind: OrganisationKind.CUSTOMER,
        name: input.name,
        language: input.language,
        managingOrganisationId: managing.id,
      });
      const administrator = await this.createFirstUser(manager, organisation, input.firstAdministrator, 'ADMINISTRATOR');
      await recordAudit(manager, {
        accountId: managing.accountId,
        organisationId: managing.id,
        actorUserId: this.scope.principal.userId,
        action: 'customer.created',
        targetId: organisation.id,
        details: { name: input.name, firstAdministratorId: administrator.id },
      });
      return toOrganisation(organisation);
    });
  }

  private async createFirstUser(manager: EntityManager, organisation: OrganisationRecord, input: FirstUserInput, roleKey: string) {
    const user = await createUserWithRole(manager, {
      organisationId: organisation.id,
      roleKey,
      username: input.username,
      email: input.email,
      firstName: input.firstName,
      lastName: input.lastName,
      language: organisation.language,
    });
    // Two mails, as for createUser: the username (else they would not know their login), then the link.
    await mailCredentials(manager, user, {
      publicUrl: this.settings.publicUrl,
      organisationName: organisation.name,
      ttlHours: this.settings.activationTtlHours,
    });
    return user;
  }

  private async deletable(manager: EntityManager, id: string): Promise<OrganisationRecord> {
    const organisation = await findVisibleOrganisation(manager, this.scope.principal, id);
    if (organisation.accountId !== this.scope.principal.accountId || !this.scope.principal.isAccountOwner) throw notFound();
    if (organisation.kind === OrganisationKind.DEFAULT) {
      throw graphqlError('BAD_USER_INPUT', 'The default organisation cannot be deleted.', { reason: 'DEFAULT_ORGANISATION' });
    }
    return organisation;
  }

  private async countContents(manager: EntityManager, organisation: OrganisationRecord): Promise<DeletionPreview> {
    const where = { organisationId: organisation.id };
    const [operators, widgets, operatorGroups, invitations, roles, customerOrganisations] = await Promise.all([
      countUsersOf(manager, [organisation.id]),
      manager.countBy(WidgetRecord, where),
      manager.countBy(OperatorGroupRecord, where),
      countPendingInvitationsOf(manager, organisation.id),
      countRolesOf(manager, organisation.id),
      manager.countBy(OrganisationRecord, { managingOrganisationId: organisation.id }),
    ]);
    return { organisationId: organisation.id, name: organisation.name, operators, widgets, operatorGroups, invitations, roles, customerOrganisations };
  }
}
