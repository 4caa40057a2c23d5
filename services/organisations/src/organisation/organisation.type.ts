import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { OrganisationKind } from '@tenantry/organisations-module';
import { ConnectionType } from '@tenantry/federation';

registerEnumType(OrganisationKind, {
  name: 'OrganisationKind',
  description: 'DEFAULT comes with the account, SUB is added by the owner, CUSTOMER is a company customer with its own login.',
  valuesConfig: {
    DEFAULT: { description: 'The organisation created with the account; exactly one per account, never deleted.' },
    SUB: { description: 'A further organisation the account owner added; its users see nothing of the other organisations.' },
    CUSTOMER: { description: 'A company customer with its own login, managed by its managingOrganisation; its users see only their own organisation.' },
  },
});

@ObjectType({ description: 'Data-management and privacy settings of an organisation.' })
export class Privacy {
  @Field(() => Int, { description: 'Days chat transcripts are kept; 0 keeps them until deleted by hand.' })
  transcriptRetentionDays: number;

  @Field({ description: 'Whether visitor IP addresses are anonymised before they are stored.' })
  anonymiseVisitorIp: boolean;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A walled-off part of an account: its users, widgets and operator groups see nothing of other organisations.' })
export class Organisation {
  @Field(() => ID, { description: 'Stable identifier of the organisation.' })
  id: string;

  /** Not exposed: used by rules and scoping. */
  accountId: string;

  /** Equals id; lets the shared organisation rule treat organisations like their members. */
  organisationId: string;

  /** Not exposed directly: resolved as managingOrganisation when visible. */
  managingOrganisationId: string | null;

  @Field(() => OrganisationKind, {
    description: 'DEFAULT, SUB or CUSTOMER; never changes, except that makeCustomerIndependent turns a CUSTOMER into a DEFAULT.',
  })
  kind: OrganisationKind;

  @Field({ description: 'Unique within the account.' })
  name: string;

  @Field({ description: 'Language of the organisation (ISO 639-1), e.g. "en".' })
  language: string;

  @Field(() => String, { nullable: true, description: 'Where the organisation is, in words.' })
  location: string | null;

  @Field(() => Privacy, { description: 'Data-management and privacy settings.' })
  privacy: Privacy;

  @Field({ description: 'When the organisation was created.' })
  createdAt: Date;
}

export const OrganisationConnection = ConnectionType(Organisation, 'Organisation');
