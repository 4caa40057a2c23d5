import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { OrganisationsContext } from '../context';
import { Organisation } from '../organisation/organisation.type';
import { MAX_EMBED_ORIGINS } from './embed-origins';

@Resolver(() => Organisation)
export class EmbedOriginsResolver {
  @FieldResolver(() => [String], {
    description:
      "Origins of partner portals (scheme://host[:port]) allowed to embed the login of this organisation's customers " +
      `(GET /embed/customer-login on the gateway) and to call the graph from the browser; at most ${MAX_EMBED_ORIGINS}, sorted. ` +
      'Set with updateOrganisation(input: { embedOrigins }).',
  })
  embedOrigins(@Root() organisation: Organisation, @Ctx() { embedOrigins }: OrganisationsContext): Promise<string[]> {
    return embedOrigins().load(organisation.id);
  }
}
