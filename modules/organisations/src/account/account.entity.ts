import { Column, Entity, PrimaryColumn } from 'typeorm';
import { idColumn, timestampColumn } from '@tenantry/database';

/** User fields an account's onboarding policy can require; the last name always is (docs/product.md#onboarding-policy). */
export type OnboardingField = 'EMAIL' | 'FIRST_NAME' | 'LAST_NAME';

/** How the account's administrators create users (docs/product.md#onboarding-policy). */
export interface OnboardingPolicy {
  /** Fields createUser requires. */
  requiredFields: OnboardingField[];
  /** Administrators may give a new user an initial password, which the user must change at first sign-in. */
  initialPasswords: boolean;
}

/** A customer of the platform: one owner, one plan, one DEFAULT organisation. */
@Entity({ name: 'accounts' })
export class AccountRecord {
  @PrimaryColumn(idColumn)
  id: string;

  /** Display name, e.g. the company's name. */
  @Column({ type: 'varchar', length: 120 })
  name: string;

  /** Operators the plan allows across the account's own organisations, pending invitations included. */
  @Column({ name: 'seat_limit', type: 'int' })
  seatLimit: number;

  /** The owner; no foreign key, because the owner's user row is created after the account. */
  @Column({ name: 'owner_user_id', ...idColumn, nullable: true })
  ownerUserId: string | null;

  /** How users are onboarded; null means the default (email, first and last name required; activation mail only). */
  @Column({ name: 'onboarding_policy', type: 'simple-json', nullable: true })
  onboardingPolicy: OnboardingPolicy | null;

  @Column({ name: 'created_at', ...timestampColumn })
  createdAt: Date;
}
