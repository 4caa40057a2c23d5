import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Connection } from '@tenantry/federation';
import { OrganisationsContext } from '../context';
import { OperatorGroup } from '../operator-group/operator-group.type';
import { Widget } from '../widget/widget.type';
import { CreateCustomerOrganisationInput, CreateOrganisationInput, UpdateOrganisationInput } from './organisation.inputs';
import { CreateOrganisationPayload, DeleteOrganisationPayload, DeletionPreview } from './organisation-payloads.type';
import { Organisation, OrganisationConnection } from './organisation.type';

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => Organisation, { nullable: true, description: 'One organisation the caller may see; null for any other id.' })
  organisation(@Arg('id', () => ID) id: string, @Ctx() { organisations }: OrganisationsContext): Promise<Organisation | null> {
    return organisations().findById(id);
  }

  @Query(() => OrganisationConnection, { description: 'The organisations the caller may see, oldest first.' })
  organisations(
    @Ctx() { organisations }: OrganisationsContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Connection<Organisation>> {
    return organisations().list(first, after);
  }

  @Query(() => DeletionPreview, { description: 'What deleting the organisation would destroy (owner only).' })
  organisationDeletionPreview(@Arg('id', () => ID) id: string, @Ctx() { lifecycle }: OrganisationsContext): Promise<DeletionPreview> {
    return lifecycle().preview(id);
  }

  @FieldResolver(() => [Widget])
  widgets(@Root() organisation: Organisation, @Ctx() { organisations }: OrganisationsContext): Promise<Widget[]> {
    return organisations().widgetsOf(organisation.id);
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
  createOrganisation(@Arg('input') input: CreateOrganisationInput, @Ctx() { lifecycle }: OrganisationsContext): Promise<CreateOrganisationPayload> {
    return lifecycle().create(input);
  }

  @Mutation(() => Organisation, { description: 'Changes name, language, location or privacy settings.' })
  updateOrganisation(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateOrganisationInput,
    @Ctx() { lifecycle }: OrganisationsContext,
  ): Promise<Organisation> {
    return lifecycle().update(id, input);
  }

  @Mutation(() => DeleteOrganisationPayload, {
    description: 'Deletes a sub- or customer organisation with everything in it; confirmName must be its exact name (owner only).',
  })
  deleteOrganisation(
    @Arg('id', () => ID) id: string,
    @Arg('confirmName') confirmName: string,
    @Ctx() { lifecycle }: OrganisationsContext,
  ): Promise<DeleteOrganisationPayload> {
    return lifecycle().delete(id, confirmName);
  }

  @Mutation(() => Organisation, { description: "Creates a CUSTOMER organisation managed by the caller's home organisation, with its first administrator." })
  createCustomerOrganisation(@Arg('input') input: CreateCustomerOrganisationInput, @Ctx() { lifecycle }: OrganisationsContext): Promise<Organisation> {
    return lifecycle().createCustomer(input);
  }
}
