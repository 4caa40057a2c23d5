import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand (data only): the OWNER role holds every catalog permission, so the owner roles
 * provisioned before `schema.read` existed get it too. Down takes it from every role, since the
 * catalog before this migration does not know it.
 */
export class OwnerSchemaRead1795491975345 implements MigrationInterface {
  name = 'OwnerSchemaRead1795491975345';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "roles" SET "permissions" = json_insert("permissions", '$[#]', 'schema.read') WHERE "key" = 'OWNER' AND "built_in" = 1 AND NOT EXISTS (SELECT 1 FROM json_each("roles"."permissions") WHERE "value" = 'schema.read')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "roles" SET "permissions" = (SELECT json_group_array("value") FROM json_each("roles"."permissions") WHERE "value" <> 'schema.read') WHERE EXISTS (SELECT 1 FROM json_each("roles"."permissions") WHERE "value" = 'schema.read')`,
    );
  }
}
