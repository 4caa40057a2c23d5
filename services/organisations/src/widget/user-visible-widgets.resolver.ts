import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { OrganisationsContext } from '../context';
import { User } from '../operator-group/user.type';
import { Widget } from './widget.type';

@Resolver(() => User)
export class UserVisibleWidgetsResolver {
  @Directive('@requires(fields: "organisation { id }")')
  @FieldResolver(() => [Widget], {
    nullable: true,
    description:
      "The widgets (sites) of their organisation the user is limited to, oldest first; null when they see all of them. Set with createUser's or updateUser's visibleWidgetIds.",
  })
  visibleWidgets(@Root() user: User, @Ctx() { userWidgets }: OrganisationsContext): Promise<Widget[] | null> {
    return userWidgets().of(user.id);
  }
}
