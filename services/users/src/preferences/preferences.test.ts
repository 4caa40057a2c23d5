import type { UserPrincipal } from '@tenantry/auth';
import type { UserSeed } from '@tenantry/testing';
import type { UsersTestbed } from '../testing/users.testkit';
import { errorCode, startTestbed } from '../testing/users.testkit';

const PREFERENCES = `{ me { language availability preferences { landingPage defaultAvailability notifications { assignedToMe failedPublication newChat customerUpdates } signatures { channel text } } } }`;
const UPDATE = `mutation($input: PreferencesInput!) { updateMyPreferences(input: $input) { language preferences { landingPage defaultAvailability notifications { assignedToMe newChat } signatures { channel text } } } }`;

describe('preferences and availability', () => {
  let bed: UsersTestbed;
  let user: UserSeed;
  let principal: UserPrincipal;
  let manager: UserPrincipal;

  beforeAll(async () => {
    bed = await startTestbed();
    const organisation = (await bed.seed.createAccount()).defaultOrganisation;
    user = await organisation.createUser('OPERATOR');
    principal = await user.principal();
    manager = await (await organisation.createUser('MANAGER')).principal();
  });
  afterAll(() => bed.close());

  it('starts with every notification on, the dashboard and ONLINE', async () => {
    const response = await bed.query(principal, PREFERENCES);
    expect(response.data.me).toEqual({
      language: 'EN',
      availability: 'OFFLINE',
      preferences: {
        landingPage: 'dashboard',
        defaultAvailability: 'ONLINE',
        notifications: { assignedToMe: true, failedPublication: true, newChat: true, customerUpdates: true },
        signatures: [],
      },
    });
  });

  it('changes language, landing page, default availability, single switches and signatures', async () => {
    const response = await bed.query(principal, UPDATE, {
      input: {
        language: 'NL',
        landingPage: 'inbox',
        defaultAvailability: 'AVAILABLE_FOR_CHAT',
        notifications: { newChat: false },
        signatures: [
          { channel: 'TWITTER', text: '^AR' },
          { channel: 'EMAIL', text: 'Kind regards, Ada' },
        ],
      },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data.updateMyPreferences).toEqual({
      language: 'NL',
      preferences: {
        landingPage: 'inbox',
        defaultAvailability: 'AVAILABLE_FOR_CHAT',
        notifications: { assignedToMe: true, newChat: false },
        signatures: [
          { channel: 'TWITTER', text: '^AR' },
          { channel: 'EMAIL', text: 'Kind regards, Ada' },
        ],
      },
    });
    const removed = await bed.query(principal, UPDATE, { input: { signatures: [{ channel: 'TWITTER', text: '' }] } });
    expect(removed.data.updateMyPreferences.preferences.signatures).toEqual([{ channel: 'EMAIL', text: 'Kind regards, Ada' }]);
    expect(removed.data.updateMyPreferences.preferences.notifications.newChat).toBe(false);
  });

  it('rejects an unknown landing page and OFFLINE as default availability', async () => {
    expect(errorCode(await bed.query(principal, UPDATE, { input: { landingPage: 'nowhere' } }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await bed.query(principal, UPDATE, { input: { defaultAvailability: 'OFFLINE' } }))).toBe('BAD_USER_INPUT');
  });

  it('sets the current availability', async () => {
    const response = await bed.query(principal, 'mutation { setMyAvailability(status: AVAILABLE_FOR_CHAT) { availability } }');
    expect(response.data.setMyAvailability).toEqual({ availability: 'AVAILABLE_FOR_CHAT' });
  });

  it('shows preferences to the user only, not to a colleague who may read users', async () => {
    const response = await bed.query(manager, 'query($id: ID!) { user(id: $id) { username preferences { landingPage } } }', { id: user.id });
    expect(errorCode(response)).toBe('FORBIDDEN');
    const allowed = await bed.query(manager, 'query($id: ID!) { user(id: $id) { username availability } }', { id: user.id });
    expect(allowed.data.user.username).toBe(user.record.username);
  });
});
