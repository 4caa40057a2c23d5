import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { idColumn } from '@tenantry/database';
import { OrganisationRecord } from '../organisation/organisation.entity';

/** Longest origin stored: scheme, a host name of at most 253 characters and a port. */
export const MAX_EMBED_ORIGIN_LENGTH = 270;

/**
 * A partner portal's origin allowed to frame the customer login of an organisation's customers
 * (`Organisation.embedOrigins`, docs/product.md#embeddable-customer-login). The gateway also lets
 * a listed origin call the graph cross-origin.
 */
@Entity({ name: 'organisation_embed_origins' })
// "Is this origin listed anywhere?" is the gateway's CORS question, asked by origin alone.
@Index('ix_organisation_embed_origins_origin', ['origin'])
export class EmbedOriginRecord {
  /** The managing organisation whose customers' login may be embedded. */
  @PrimaryColumn({ name: 'organisation_id', ...idColumn })
  organisationId: string;

  @ManyToOne(() => OrganisationRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationRecord;

  /** `scheme://host[:port]` in normal form (`normaliseOrigin` of @tenantry/config): lower-case host, no default port. */
  @PrimaryColumn({ type: 'varchar', length: MAX_EMBED_ORIGIN_LENGTH })
  origin: string;
}
