import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Connection, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@tenantry/federation';
import { OrganisationsContext } from '../context';
import { OperatorGroup } from '../operator-group/operator-group.type';
import { Widget } from '../widget/widget.type';
import { CreateCustomerOrganisationInput, CreateOrganisationInput, UpdateOrganisationInput } from './organisation.inputs';
import { CreateOrganisationPayload, DeleteOrganisationPayload, DeletionPreview } from './organisation-payloads.type';
import { Organisation, OrganisationConnection } from './organisation.type';

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => Organisation, { nullable: true, description: 'One organisation the caller may see; null for any other id.' })
  organisation(
    @Arg('id', () => ID, { description: 'The organisation to read.' }) id: string,
    @Ctx() { organisations }: OrganisationsContext,
  ): Promise<Organisation | null> {
    return organisations().findById(id);
  }

  @Query(() => OrganisationConnection, {
    nullable: true,
    description:
      'The organisations the caller may see, oldest first. ' +
      'Nullable so that a failure of the organisations subgraph nulls only this field, not the other root fields of the same request.',
  })
  organisations(
    @Ctx() { organisations }: OrganisationsContext,
    @Arg('first', () => Int, { nullable: true, description: `Page size, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page; omit for the first page.' }) after?: string,
  ): Promise<Connection<Organisation>> {
    return organisations().list(first, after);
  }

  @Query(() => DeletionPreview, {
    nullable: true,
    description:
      'What deleting the organisation would destroy (owner only). ' +
      'Nullable so that a failure of the organisations subgraph nulls only this field, not the other root fields of the same request.',
  })
  organisationDeletionPreview(
    @Arg('id', () => ID, { description: 'The sub- or customer organisation to be deleted.' }) id: string,
    @Ctx() { lifecycle }: OrganisationsContext,
  ): Promise<DeletionPreview> {
    return lifecycle().preview(id);
  }

  @FieldResolver(() => [Widget], {
    description:
      'The chat widgets (sites) of this organisation, oldest first; in their own organisation, a user limited to some (User.visibleWidgets) sees only those.',
  })
  async widgets(@Root() organisation: Organisation, @Ctx() { organisations, userWidgets }: OrganisationsContext): Promise<Widget[]> {
    return userWidgets().seenByCaller(organisation.id, await organisations().widgetsOf(organisation.id));
  }

  @FieldResolver(() => [OperatorGroup], { description: 'The inboxes users of this organisation are assigned to.' })
  operatorGroups(@Root() organisation: Organisation, @Ctx() { organisations }: OrganisationsContext): Promise<OperatorGroup[]> {
    return organisations().operatorGroupsOf(organisation.id);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'For a CUSTOMER organisation: who manages it, when the caller may see that.' })
  managingOrganisation(@Root() organisation: Organisation, @Ctx() { organisations }: OrganisationsContext): Promise<Organisation | null> {
    return organisation.managingOrganisationId ? organisations().findById(organisation.managingOrganisationId) : Promise.resolve(null);
  }

  @Mutation(() => CreateOrganisationPayload, {
    description: 'Adds a sub-organisation with its first operator, widget and group, in one transaction (owner only).',
  })
  createOrganisation(
    @Arg('input', { description: 'The organisation and its first operator.' }) input: CreateOrganisationInput,
    @Ctx() { lifecycle }: OrganisationsContext,
  ): Promise<CreateOrganisationPayload> {
    return lifecycle().create(input);
  }

  @Mutation(() => Organisation, { description: 'Changes name, language, location or privacy settings.' })
  updateOrganisation(
    @Arg('id', () => ID, { description: 'The organisation to change; one the caller may see and administer.' }) id: string,
    @Arg('input', { description: 'The changes; fields left out stay as they are.' }) input: UpdateOrganisationInput,
    @Ctx() { lifecycle }: OrganisationsContext,
  ): Promise<Organisation> {
    return lifecycle().update(id, input);
  }

  @Mutation(() => DeleteOrganisationPayload, {
    description: 'Deletes a sub- or customer organisation with everything in it; confirmName must be its exact name (owner only).',
  })
  deleteOrganisation(
    @Arg('id', () => ID, { description: 'The sub- or customer organisation to delete; DEFAULT cannot be deleted.' }) id: string,
    @Arg('confirmName', { description: "The organisation's exact name (case-sensitive); anything else answers CONFIRMATION_MISMATCH." }) confirmName: string,
    @Ctx() { lifecycle }: OrganisationsContext,
  ): Promise<DeleteOrganisationPayload> {
    return lifecycle().delete(id, confirmName);
  }

  @Mutation(() => Organisation, { description: "Creates a CUSTOMER organisation managed by the caller's home organisation, with its first administrator." })
  createCustomerOrganisation(
    @Arg('input', { description: 'The customer organisation and its first administrator.' }) input: CreateCustomerOrganisationInput,
    @Ctx() { lifecycle }: OrganisationsContext,
  ): Promise<Organisation> {
    return lifecycle().createCustomer(input);
  }
}
