import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { idColumn } from '@tenantry/database';
import { UserRecord } from '../user/user.entity';

/**
 * One place a user's `users(search:)` may match (docs/product.md#users-and-seats): a user's
 * username, email, first, last or screen name, lower-cased and accent-folded, from the start of
 * one of its words to its end. A search matches a user when one of their terms starts with it, a
 * range over `ix_user_search_terms_organisation_term`, so a search costs the users it finds, not
 * the size of the organisation. Written with the user (see replaceUserSearchTerms).
 */
@Entity({ name: 'user_search_terms' })
@Index('ix_user_search_terms_organisation_term', ['organisationId', 'term', 'userId'])
export class UserSearchTermRecord {
  @PrimaryColumn({ name: 'user_id', ...idColumn })
  userId: string;

  @ManyToOne(() => UserRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserRecord;

  /** The text from a word's start on; binary collation on MySQL, so that a prefix range compares code points as on SQLite. */
  @PrimaryColumn({ type: 'varchar', length: 254 })
  term: string;

  /** The user's organisation (users never move), so a search reads one organisation's terms only. */
  @Column({ name: 'organisation_id', ...idColumn })
  organisationId: string;
}
