import type { FormEvent } from 'react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { GraphiQL } from 'graphiql';
import type { DenialExplanation } from './playground.denial';
import { explainDenials, forbiddenErrors } from './playground.denial';
import type { GraphQLAnswer, GraphQLRequest } from './playground.graphql';
import { postGraphQL } from './playground.graphql';
import { DEFAULT_TABS } from './playground.operations';
import type { SessionState } from './playground.session';
import { PlaygroundSession } from './playground.session';

/** Where the docs explorer stands: anonymous callers may not introspect (gateway/src/exposure). */
type SchemaStatus = 'signed-out' | 'loading' | 'loaded' | 'refused' | 'failed';

const SCHEMA_NOTES: Record<SchemaStatus, string> = {
  'signed-out': 'Sign in to browse the schema.',
  loading: 'Loading the schema…',
  loaded: 'Schema loaded: open the Docs (book icon) to read every type and field.',
  refused: 'Your role may not read the schema (it needs schema.read): ask the account owner.',
  failed: 'The schema could not be loaded: use the re-fetch button (circular arrows) to try again.',
};

/** What an answer to GraphiQL's introspection query means for the docs explorer. */
function schemaStatusOf(answer: GraphQLAnswer): SchemaStatus {
  if (answer.data && '__schema' in answer.data) return 'loaded';
  return answer.errors?.some((error) => error.extensions?.code === 'FORBIDDEN') ? 'refused' : 'failed';
}

function SignInForm({ session }: { session: PlaygroundSession }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fields = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      await session.signIn(String(fields.get('username')), String(fields.get('password')), String(fields.get('totpCode') ?? ''));
    } catch (failure) {
      setError((failure as Error).message);
      setBusy(false);
    }
  };
  return (
    <form className="tenantry-sign-in" onSubmit={submit} aria-label="Sign in">
      <label>
        <span>Username</span>
        <input name="username" autoComplete="username" required />
      </label>
      <label>
        <span>Password</span>
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <label>
        <span>Two-factor code</span>
        <input name="totpCode" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]*" />
      </label>
      <button type="submit" disabled={busy}>
        Sign in
      </button>
      {error && (
        <p className="tenantry-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function DenialPanel({ explanations, onClose }: { explanations: DenialExplanation[]; onClose(): void }) {
  return (
    <section className="tenantry-denials" aria-labelledby="tenantry-denials-title" role="status">
      <h2 id="tenantry-denials-title">Why was this refused?</h2>
      <ul>
        {explanations.map((explanation, index) => (
          <li key={index}>
            {explanation.field && <code>{explanation.field}</code>}
            {explanation.permission && (
              <>
                {' '}
                needs <code>{explanation.permission}</code>
              </>
            )}
            {explanation.field && ': '}
            <span className="tenantry-reason">{explanation.reason}</span>
          </li>
        ))}
      </ul>
      <button type="button" onClick={onClose}>
        Dismiss
      </button>
    </section>
  );
}

/** GraphiQL with a sign-in panel, the main journeys as tabs, and an explanation of every FORBIDDEN answer. */
export function PlaygroundApp() {
  const [state, setState] = useState<SessionState>({ signedIn: false });
  const [schema, setSchema] = useState<SchemaStatus>('signed-out');
  const [denials, setDenials] = useState<DenialExplanation[]>([]);
  const [session] = useState(() => new PlaygroundSession(postGraphQL, setState));
  const latest = useRef(0);
  const user = state.signedIn ? state.user : undefined;

  // A new fetcher for each user: GraphiQL introspects again with it, so the docs follow who is signed in.
  const fetcher = useCallback(
    async (request: GraphQLRequest, options?: { headers?: Record<string, string> }): Promise<GraphQLAnswer> => {
      const introspection = request.operationName === 'IntrospectionQuery';
      if (introspection) setSchema('loading');
      const accessToken = session.accessToken();
      const answer = await postGraphQL(request, accessToken, options?.headers);
      if (introspection) {
        setSchema(schemaStatusOf(answer));
        return answer;
      }
      const run = ++latest.current;
      const explanations = forbiddenErrors(answer).length ? await explainDenials(request, answer, postGraphQL, accessToken) : [];
      if (run === latest.current) setDenials(explanations);
      return answer;
    },
    [session, user?.username, user?.organisation.id],
  );

  const schemaNote = user ? SCHEMA_NOTES[schema] : SCHEMA_NOTES['signed-out'];
  const tabs = useMemo(() => DEFAULT_TABS, []);

  return (
    <div className="tenantry-playground">
      <header className="tenantry-panel">
        <h1>Tenantry playground</h1>
        {user ? (
          <div className="tenantry-signed-in">
            <p>
              Signed in as <strong>{user.username}</strong> ({user.role.key}) in {user.organisation.name} · organisation id <code>{user.organisation.id}</code>
            </p>
            <button type="button" onClick={() => void session.signOut()}>
              Sign out
            </button>
          </div>
        ) : (
          <>
            <SignInForm session={session} />
            {!state.signedIn && state.notice && <p className="tenantry-error">{state.notice}</p>}
          </>
        )}
        <p className="tenantry-schema-note" data-schema={user ? schema : 'signed-out'}>
          {schemaNote}
        </p>
      </header>
      {denials.length > 0 && <DenialPanel explanations={denials} onClose={() => setDenials([])} />}
      <main className="tenantry-graphiql">
        <GraphiQL fetcher={fetcher} schema={user ? undefined : null} defaultTabs={tabs} />
      </main>
    </div>
  );
}
