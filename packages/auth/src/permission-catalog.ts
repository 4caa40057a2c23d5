/** One permission switch (docs/product.md#roles-and-permissions): a permission that can be granted on its own. */
export interface PermissionDefinition {
  key: string;
  group: string;
  description: string;
}

/** The permission catalog: stable keys, grouped; roles are sets of these keys. */
export const PERMISSION_CATALOG: readonly PermissionDefinition[] = [
  { key: 'organisation.read', group: 'organisation', description: 'See the organisation and its settings.' },
  { key: 'organisation.manage', group: 'organisation', description: 'Change the organisation, its widgets and operator groups.' },
  { key: 'organisation.create', group: 'organisation', description: 'Add sub-organisations to the account.' },
  { key: 'organisation.delete', group: 'organisation', description: 'Delete sub-organisations with everything in them.' },
  { key: 'users.read', group: 'users', description: "See colleagues and their status; needed to see and set one's own availability (setMyAvailability)." },
  { key: 'users.invite', group: 'users', description: 'Invite and create users.' },
  { key: 'users.manage', group: 'users', description: 'Edit, suspend, unlock, archive and delete users.' },
  { key: 'users.export', group: 'users', description: 'Export users as CSV.' },
  { key: 'roles.manage', group: 'roles', description: 'Create, change, delete and assign roles.' },
  { key: 'audit.read', group: 'audit', description: 'Read the audit log.' },
  { key: 'customers.manage', group: 'customers', description: 'Create and manage customer organisations.' },
  { key: 'chats.access', group: 'chats', description: 'Take part in chats and requests.' },
  { key: 'chats.others', group: 'chats', description: "See colleagues' chats." },
  { key: 'chats.transfer', group: 'chats', description: 'Hand a chat over to a colleague.' },
  { key: 'chats.confirmTake', group: 'chats', description: 'Confirm before taking a chat.' },
  { key: 'phoneNumbers.visible', group: 'phoneNumbers', description: "See customers' and colleagues' phone numbers unmasked." },
  { key: 'softphone.use', group: 'softphone', description: 'Use the softphone.' },
  { key: 'softphone.autoAnswer', group: 'softphone', description: 'Answer calls automatically.' },
  { key: 'softphone.callerId', group: 'softphone', description: 'Choose the caller id.' },
  { key: 'sites.view', group: 'sites', description: 'See the sites (widgets) of the organisation.' },
  { key: 'backOffice.access', group: 'backOffice', description: 'Open the back-office dashboard.' },
  { key: 'templates.use', group: 'templates', description: 'Use and edit templates.' },
  { key: 'schema.read', group: 'schema', description: 'Read the graph schema at the gateway: introspection and field suggestions in errors.' },
];

export const PERMISSION_KEYS = new Set(PERMISSION_CATALOG.map((permission) => permission.key));

const all = PERMISSION_CATALOG.map((permission) => permission.key);
const chatWork = ['organisation.read', 'users.read', 'chats.access', 'chats.transfer', 'sites.view', 'templates.use', 'softphone.use'];

/** Permissions of the built-in roles; customer roles never get templates. */
export const BUILT_IN_ROLES: Readonly<Record<string, { name: string; permissions: string[]; customer: boolean }>> = {
  OWNER: { name: 'Owner', permissions: all, customer: false },
  MANAGER: {
    name: 'Manager',
    // schema.read is for whoever builds on the graph: the owner grants it (e.g. to an analyst role).
    permissions: all.filter((key) => !['organisation.create', 'organisation.delete', 'schema.read'].includes(key)),
    customer: false,
  },
  OPERATOR: { name: 'Operator', permissions: chatWork, customer: false },
  ADMINISTRATOR: {
    name: 'Administrator',
    permissions: ['organisation.read', 'organisation.manage', 'users.read', 'users.invite', 'users.manage', 'users.export', 'roles.manage', 'audit.read'],
    customer: true,
  },
  MODERATOR: { name: 'Moderator', permissions: ['organisation.read', 'users.read', 'users.invite'], customer: true },
  MEMBER: { name: 'Member', permissions: ['organisation.read', 'users.read'], customer: true },
};
