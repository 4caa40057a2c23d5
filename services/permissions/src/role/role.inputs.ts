import { ArrayMaxSize, IsOptional, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IsNameText } from '@tenantry/federation';

@InputType({ description: 'A custom role of one organisation: a named set of permissions from permissionCatalog.' })
export class CreateRoleInput {
  @Field(() => ID, { description: 'The organisation the role belongs to; must be one the caller may see.' })
  organisationId: string;

  @Field({ description: 'Unique in the organisation (ignoring case); 1–120 characters. The role key is derived from it once and never changes.' })
  @Length(1, 120)
  @IsNameText()
  name: string;

  @Field(() => [String], { description: 'Permission keys from permissionCatalog; only keys the caller holds themself can be granted.' })
  @ArrayMaxSize(100)
  permissions: string[];
}

@InputType({ description: 'Changes to a custom role; fields left out stay as they are. Built-in roles cannot be changed.' })
export class UpdateRoleInput {
  @Field(() => String, { nullable: true, description: 'New name, unique in the organisation (ignoring case); 1–120 characters. The key stays.' })
  @IsOptional()
  @Length(1, 120)
  @IsNameText()
  name?: string | null;

  @Field(() => [String], { nullable: true, description: 'The complete new set of permission keys (replaces the old one).' })
  @IsOptional()
  @ArrayMaxSize(100)
  permissions?: string[] | null;
}
