import type { MigrationInterface, QueryRunner } from 'typeorm';
import { backfillUserSearchTerms } from '../../user-search/user-search';

/** Written by hand like the MySQL one: the search terms table, the status index, and every existing user's terms. */
export class UserSearchTerms1795508917877 implements MigrationInterface {
  name = 'UserSearchTerms1795508917877';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "user_search_terms" ("user_id" varchar(36) NOT NULL, "term" varchar(254) NOT NULL, "organisation_id" varchar(36) NOT NULL, CONSTRAINT "FK_913c0e1373c6ada5a06dba028c7" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("user_id", "term"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_user_search_terms_organisation_term" ON "user_search_terms" ("organisation_id", "term", "user_id") `);
    await queryRunner.query(`CREATE INDEX "ix_users_organisation_status" ON "users" ("organisation_id", "status") `);
    await backfillUserSearchTerms(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_users_organisation_status"`);
    await queryRunner.query(`DROP INDEX "ix_user_search_terms_organisation_term"`);
    await queryRunner.query(`DROP TABLE "user_search_terms"`);
  }
}
