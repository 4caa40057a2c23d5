/**
 * The performance suite (`npm run bench`, or `npm run bench -- performance`): every scenario of
 * the performance targets on MariaDB, side by side in one run, interleaved A, B, A, B, A, B with
 * medians, printed as one table of ratios and written to bench/results/latest.json,
 * docs/benchmarks.md and docs/benchmarks.svg. See bench/README.md for what each row measures.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { ANONYMOUS, PRINCIPAL_HEADER, signPrincipalToken, verifyAccessToken } from '@tenantry/auth';
import type { Principal } from '@tenantry/auth';
import { freePorts } from '@tenantry/stack';
import { bearer, postGraphQL, TEST_MYSQL_URL, testDialect } from '@tenantry/testing';
import type { Measured, Run, Side, Target } from './load';
import { CONNECTIONS, interleave, ROUNDS, RUN_SECONDS, runLoad, WARM_UP_SECONDS } from './load';
import { ensurePeerInstalled, PEER_FOLDER, PEER_SCRIPT } from './peer';
import type { Started } from './processes';
import { rssMiB, startProcess } from './processes';
import type { Report, Row } from './report';
import { printTable, writeReport } from './report';
import type { SeededOrganisation } from './seed';
import { SEARCH_TERM, SEARCHABLE_USERS } from './seed';
import { body, loginBodies, ME, ORGANISATIONS, seeded, sizeOf, target, USERS_PAGE, USERS_WITH_INVITATIONS } from './scenarios';
import { countStatements } from './statements';

const ROOT = join(__dirname, '..', '..');
const RSS_LOAD_SECONDS = 60;

/** Fails loudly unless both sides answer every body with the same data and no errors. */
async function assertSameAnswers(a: Target, b: Target): Promise<void> {
  for (const [index, sent] of a.bodies.slice(0, 3).entries()) {
    const answers = await Promise.all(
      [a, b].map(async (side) => {
        const response = await fetch(side.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(await side.headers()) },
          body: side.bodies[index],
        });
        const answer = (await response.json()) as { data?: unknown; errors?: unknown };
        if (!response.ok || answer.errors) throw new Error(`${side.label} answered HTTP ${response.status} ${JSON.stringify(answer.errors)} to ${sent}`);
        return answer.data;
      }),
    );
    if (!isDeepStrictEqual(answers[0], answers[1])) {
      throw new Error(`${a.label} and ${b.label} answer ${sent} differently:\n${JSON.stringify(answers[0])}\n${JSON.stringify(answers[1])}`);
    }
  }
}

/** Fails loudly unless the side answers without errors; returns the data. */
async function assertAnswers(side: Target): Promise<any> {
  const response = await fetch(side.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(await side.headers()) }, body: side.bodies[0] });
  const answer = (await response.json()) as { data?: unknown; errors?: unknown };
  if (!response.ok || answer.errors) throw new Error(`${side.label} answered HTTP ${response.status} ${JSON.stringify(answer.errors)}`);
  return answer.data;
}

function argon2Throughput(): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        require.resolve('ts-node/dist/bin.js'),
        '--transpile-only',
        '--project',
        join(__dirname, '..', 'tsconfig.json'),
        join(__dirname, 'argon2-throughput.ts'),
        String(CONNECTIONS),
        String(RUN_SECONDS),
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) =>
      code === 0 ? resolve({ perSecond: JSON.parse(output).perSecond, failed: 0 }) : reject(new Error(`argon2 throughput exited ${code}`)),
    );
  });
}

/** Requests of the timed runs that failed, and the first failure, so a figure built on failures says so. */
function failuresOf(...measured: (Measured | null)[]): Pick<Row, 'failed' | 'note'> {
  const failed = measured.reduce((sum, each) => sum + (each?.failed ?? 0), 0);
  const first = measured.find((each) => each?.firstFailure)?.firstFailure;
  return failed ? { failed, note: `${failed} requests failed in the timed runs; the first: ${first}` } : { failed: 0 };
}

/** Ours ÷ baseline, or null when a side was not measured or nothing of it succeeded. */
const ratioOf = (ours: number | null | undefined, baseline: number | null | undefined) => (ours && baseline ? ours / baseline : null);

const withNote = (row: Row, note?: string): Row => ({ ...row, note: [row.note, note].filter(Boolean).join('; ') || undefined });

const ratioRow = (scenario: string, ours: Measured | null, baseline: Measured | null, baselineName: string, targetValue: number, note?: string): Row =>
  withNote(
    {
      scenario,
      ours: ours?.median ?? null,
      baseline: baseline?.median ?? null,
      unit: 'req/s',
      baselineName,
      ratio: ratioOf(ours?.median, baseline?.median),
      target: { op: '>=', value: targetValue },
      ...failuresOf(ours, baseline),
      runs: { ours: ours?.runs, baseline: baseline?.runs },
    },
    note,
  );

async function main(): Promise<void> {
  if (testDialect !== 'mysql') throw new Error('the performance suite runs on MariaDB: run it with npm run bench (which sets TEST_DATABASE=mysql)');
  const begun = Date.now();
  const mailDir = mkdtempSync(join(tmpdir(), 'tenantry-bench-mail-'));
  const peerInstall = ensurePeerInstalled();
  if (!peerInstall.installed) console.log(`peer gateway not installed (${peerInstall.reason}): its rows are "not measured"`);
  const closers: (() => Promise<void>)[] = [];
  const rows: Row[] = [];
  try {
    console.log('seeding and starting the graph on two fresh MariaDB databases (10, 100, 1,000 users; 100,000 users)...');
    const small = await seeded([10, 100, 1000], mailDir, 20);
    closers.push(
      () => small.db.drop(),
      () => small.graph.stop(),
    );
    const large = await seeded([100_000], mailDir);
    closers.push(
      () => large.db.drop(),
      () => large.graph.stop(),
    );

    let peer: Started | null = null;
    if (peerInstall.installed) {
      const [port] = await freePorts(1);
      const peerEnv = { ...small.graph.env, PORT: String(port), SUPERGRAPH_FILE: join(ROOT, 'schema', 'supergraph.graphql') };
      peer = await startProcess('peer gateway', PEER_SCRIPT, peerEnv, `http://127.0.0.1:${port}/graphql`, PEER_FOLDER);
      closers.push(peer.stop);
    }

    const ownerHeaders = async () => bearer(small.ownerToken);
    const organisation1000 = sizeOf(small, 1000);
    const ours = (label: string, bodies: string[], graph = small) =>
      target(`our gateway: ${label}`, graph.graph.gateway.url, bodies, async () => bearer(graph.ownerToken));
    const peers = (label: string, bodies: string[]) => (peer ? target(`peer gateway: ${label}`, peer.url, bodies, ownerHeaders) : null);

    /** Ours against the peer, when there is one; ours alone otherwise (its figure is still reported). */
    const againstPeer = async (a: Target, b: Target | null): Promise<[Measured, Measured | null]> => {
      if (!b) {
        await assertAnswers(a);
        return [(await interleave(a))[0], null];
      }
      await assertSameAnswers(a, b);
      const [oursMeasured, peerMeasured] = await interleave(a, b);
      return [oursMeasured, peerMeasured];
    };

    console.log('me with organisation, role, permissions: ours vs peer...');
    const [meOurs, mePeer] = await againstPeer(ours('me', [body(ME)]), peers('me', [body(ME)]));
    rows.push(ratioRow('me with organisation, role, permissions', meOurs, mePeer, 'Hive Gateway 2.15', 1.3, peer ? undefined : 'peer gateway not installed'));

    console.log('users page (50, with role and organisation): ours vs peer...');
    const usersBody = body(USERS_PAGE, { organisationId: organisation1000.id });
    const [usersOurs, usersPeer] = await againstPeer(ours('users page', [usersBody]), peers('users page', [usersBody]));
    rows.push(ratioRow('users page (50, role, organisation)', usersOurs, usersPeer, 'Hive Gateway 2.15', 1.6, peer ? undefined : 'peer gateway not installed'));

    console.log('organisations(first: 20): through our gateway vs the organisations subgraph directly...');
    const claims = (await verifyAccessToken(small.ownerToken, small.graph.env.ACCESS_TOKEN_SECRET!))!;
    const principalResponse = await fetch(new URL('/internal/principal', small.graph.subgraphs.users.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [PRINCIPAL_HEADER]: await signPrincipalToken(ANONYMOUS, 'users:internal', small.graph.env.PRINCIPAL_SECRET!),
      },
      body: JSON.stringify(claims),
    });
    const { principal } = (await principalResponse.json()) as { principal: Principal };
    const direct = target('organisations subgraph directly', small.graph.subgraphs.organisations.url, [body(ORGANISATIONS)], async () => ({
      // What our gateway sends: the principal signed for this subgraph (valid 30 s, so signed again before each run).
      [PRINCIPAL_HEADER]: await signPrincipalToken(principal, 'organisations', small.graph.env.PRINCIPAL_SECRET!),
    }));
    const viaGateway = ours('organisations', [body(ORGANISATIONS)]);
    await assertSameAnswers(viaGateway, direct);
    const [organisationsOurs, organisationsDirect] = await interleave(viaGateway, direct);
    rows.push(ratioRow('organisations(first: 20): gateway ÷ subgraph', organisationsOurs, organisationsDirect, 'subgraph directly', 0.7));

    const organisation100 = sizeOf(small, 100);
    const organisation100k = sizeOf(large, 100_000);
    const pages: [string, (organisation: SeededOrganisation) => Record<string, unknown>][] = [
      ['first page', (organisation) => ({ organisationId: organisation.id })],
      ['deep cursor', (organisation) => ({ organisationId: organisation.id, after: organisation.deepCursor })],
      [`search "${SEARCH_TERM}"`, (organisation) => ({ organisationId: organisation.id, search: SEARCH_TERM })],
    ];
    for (const [page, variables] of pages) {
      console.log(`users page at 100,000 vs 100 users, ${page}...`);
      // One request at a time: the ratio is then one of latency, and a slow page cannot run into the gateway's subgraph timeout by queueing.
      const at100 = { ...ours(`${page} at 100`, [body(USERS_PAGE, variables(organisation100))]), connections: 1 };
      const at100k = { ...ours(`${page} at 100,000`, [body(USERS_PAGE, variables(organisation100k))], large), connections: 1 };
      for (const side of [at100, at100k]) {
        const { users } = await assertAnswers(side);
        // The same handful of matches at both sizes, or the two searches would not do the same work.
        if (page.startsWith('search') && users.edges.length !== SEARCHABLE_USERS) {
          throw new Error(`${side.label} found ${users.edges.length} users, not the ${SEARCHABLE_USERS} seeded with ${SEARCH_TERM}`);
        }
      }
      const [hundred, hundredThousand] = await interleave(at100, at100k);
      rows.push(
        withNote(
          {
            scenario: `users page at 100,000 ÷ at 100 users: ${page}`,
            ours: hundredThousand.median,
            baseline: hundred.median,
            unit: 'req/s',
            baselineName: 'at 100 users',
            // Time per request at 100,000 over time per request at 100: the fixed concurrency makes it the inverse ratio of throughput.
            ratio: ratioOf(hundred.median, hundredThousand.median),
            target: { op: '<=', value: 1.5 },
            ...failuresOf(hundred, hundredThousand),
          },
          page === 'first page'
            ? 'ratio of time per request, one request at a time (req/s at 100 ÷ req/s at 100,000); the 100,000 users are in a database of their own'
            : undefined,
        ),
      );
    }

    console.log('SQL statements of one users page with roles, organisation, pending invitations (N = 10 and 1,000)...');
    const counts: Record<number, Awaited<ReturnType<typeof countStatements>>> = {};
    for (const size of [10, 1000]) {
      const request = () => postGraphQL(small.graph.gateway.url, USERS_WITH_INVITATIONS, { organisationId: sizeOf(small, size).id }, bearer(small.ownerToken));
      for (let warm = 0; warm < 2; warm++) await request();
      counts[size] = await countStatements(TEST_MYSQL_URL, new URL(small.db.location.url!).pathname.slice(1), async () => {
        const answer = await request();
        if (answer.errors) throw new Error(`users page with invitations failed: ${JSON.stringify(answer.errors)}`);
      });
    }
    const counted = `statements MariaDB received from the subgraphs' connections (general log; Query and Execute, transaction statements included) for one request after two warm-up requests, the caller's principal kept by the gateway (a session's first request adds its lookup); at 1,000: ${Object.entries(
      counts[1000].kinds,
    )
      .map(([kind, count]) => `${count}× ${kind}`)
      .join(', ')}`;
    rows.push({
      scenario: 'SQL statements per users page (N = 1,000)',
      ours: counts[1000].total,
      baseline: null,
      unit: 'statements',
      baselineName: 'none',
      ratio: counts[1000].total,
      target: { op: '<=', value: 6 },
      note: counted,
    });
    rows.push({
      scenario: 'SQL statements, N = 1,000 ÷ N = 10',
      ours: counts[1000].total,
      baseline: counts[10].total,
      unit: 'statements',
      baselineName: 'N = 10',
      ratio: counts[1000].total / counts[10].total,
      target: { op: '<=', value: 1 },
    });

    console.log('logins through our gateway vs argon2 verifications in a process of its own...');
    const logins = target('logins', small.graph.gateway.url, loginBodies(small), async () => ({}));
    const [loginRate, argon2Rate] = await interleave(logins, argon2Throughput as Side);
    rows.push(
      ratioRow(
        'logins ÷ argon2 verifications',
        loginRate,
        argon2Rate,
        'argon2 verifyPassword',
        0.8,
        `distinct users (${logins.bodies.length}, each signs in at most every ${logins.bodies.length} logins), the rate limits raised, ${CONNECTIONS} logins or verifications in flight`,
      ),
    );

    console.log(`gateway RSS after ${RSS_LOAD_SECONDS} s of mixed load (me, users page, organisations)...`);
    const mixed = [body(ME), usersBody, body(ORGANISATIONS)];
    const mixedRuns: Run[] = [await runLoad(ours('mixed', mixed), RSS_LOAD_SECONDS)];
    const oursRss = rssMiB(small.graph.gateway.pid);
    let peerRss: number | null = null;
    const peerMixed = peers('mixed', mixed);
    if (peer && peerMixed) {
      mixedRuns.push(await runLoad(peerMixed, RSS_LOAD_SECONDS));
      peerRss = rssMiB(peer.pid);
    }
    const mixedFailures = failuresOf(
      ...mixedRuns.map((run) => ({ median: run.perSecond, runs: [run.perSecond], failed: run.failed, firstFailure: run.firstFailure })),
    );
    rows.push({
      ...mixedFailures,
      scenario: `gateway RSS after ${RSS_LOAD_SECONDS} s of load`,
      ours: oursRss,
      baseline: peerRss,
      unit: 'MiB',
      baselineName: 'Hive Gateway 2.15',
      ratio: oursRss,
      target: { op: '<', value: 200 },
      note: [mixedFailures.note, 'the ratio column holds our RSS in MiB (target: under 200 MiB); the baseline is the peer RSS after the same load']
        .filter(Boolean)
        .join('; '),
    });
  } finally {
    for (const close of closers.reverse()) await close().catch((error) => console.error(error));
    rmSync(mailDir, { recursive: true, force: true });
  }

  const [[{ version }]] = await (async () => {
    const { createConnection } = await import('mysql2/promise');
    const connection = await createConnection(TEST_MYSQL_URL);
    try {
      return (await connection.query('SELECT VERSION() AS version')) as any;
    } finally {
      await connection.end();
    }
  })();
  const report: Report = {
    date: new Date().toISOString(),
    machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, mariadb: version },
    load: `autocannon, ${CONNECTIONS} connections (1 for the users pages at 100 and 100,000 users), ${RUN_SECONDS} s per run after ${WARM_UP_SECONDS} s warm-up, pairs interleaved A, B × ${ROUNDS}, medians; the whole suite took ${Math.round((Date.now() - begun) / 1000)} s.`,
    rows,
  };
  writeReport(report, {
    json: join(ROOT, 'bench', 'results', 'latest.json'),
    markdown: join(ROOT, 'docs', 'benchmarks.md'),
    svg: join(ROOT, 'docs', 'benchmarks.svg'),
    svgLink: 'benchmarks.svg',
  });
  console.log(`\n${printTable(report)}\n\nwritten: bench/results/latest.json, docs/benchmarks.md, docs/benchmarks.svg`);
  const failed = rows.reduce((sum, row) => sum + (row.failed ?? 0), 0);
  if (failed) {
    console.error(`${failed} requests failed during the timed runs: the figures are not trustworthy`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
