import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import type { Server, Socket } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NODE_FLAGS, subgraphRegistry } from '@tenantry/config';
import type { LauncherProcess } from '@tenantry/testing';
import { freeLauncherPorts, LAUNCHER_READY, launcherPartNames, processesRunningIn, startLauncher } from '@tenantry/testing';

const argumentsOf = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
const SUBGRAPH_NAMES = subgraphRegistry().map((subgraph) => subgraph.name);

/** Runs the built launcher (`npm start` after its build) on free ports, each run in a fresh folder. */
describe('the launcher', () => {
  let cwd: string;
  let launcher: LauncherProcess | undefined;

  beforeEach(() => {
    cwd = realpathSync(mkdtempSync(join(tmpdir(), 'tenantry-launcher-')));
  });
  afterEach(async () => {
    await launcher?.cleanUp();
    launcher = undefined;
    rmSync(cwd, { recursive: true, force: true });
  });

  it("runs with the same V8 flags from a workspace's own start script", () => {
    const startScript = (workspace: string) => JSON.parse(readFileSync(require.resolve(`${workspace}/package.json`), 'utf8')).scripts.start as string;
    expect(startScript('@tenantry/gateway')).toBe(`node ${NODE_FLAGS.gateway.join(' ')} dist/main.js`);
    for (const { workspace, entry } of subgraphRegistry()) expect(startScript(workspace)).toBe(`node ${NODE_FLAGS.subgraph.join(' ')} ${entry}`);
  });

  it.each([
    ['SIGTERM', /users \(pid (\d+)\) exited with code 0/],
    ['SIGKILL', /users \(pid (\d+)\) exited on signal SIGKILL/],
  ] as const)('names a part that exits on %s, stops the rest and exits with 1', async (signal, report) => {
    launcher = startLauncher(cwd, { ...(await freeLauncherPorts()), DEMO_PASSWORD: 'launcher-test-password' });
    await launcher.waitForOutput(LAUNCHER_READY, 60_000);
    const pids = launcher.partPids();
    expect(Object.keys(pids).sort()).toEqual(launcherPartNames());
    expect(launcherPartNames()).toEqual(expect.arrayContaining(['gateway', 'mail', 'organisations', 'permissions', 'users']));
    expect(processesRunningIn(cwd).sort()).toEqual([launcher.child.pid, ...Object.values(pids)].sort());
    // V8 sizes its heap at start-up: the flags work only on the command line.
    expect(argumentsOf(pids.gateway)).toEqual(expect.arrayContaining([...NODE_FLAGS.gateway]));
    for (const name of SUBGRAPH_NAMES) expect(argumentsOf(pids[name])).toEqual(expect.arrayContaining([...NODE_FLAGS.subgraph]));

    process.kill(pids.users, signal);

    expect(await launcher.exited).toEqual({ code: 1, signal: null });
    expect(launcher.output()).toMatch(report);
    expect(report.exec(launcher.output())?.[1]).toBe(String(pids.users));
    // The launcher exits only once every part has: nothing is left, without waiting.
    expect(processesRunningIn(cwd)).toEqual([]);
  });

  describe('with a port already taken by a listener that accepts connections but never answers', () => {
    let silent: Server;
    const sockets: Socket[] = [];
    let takenPort: number;

    beforeEach(async () => {
      silent = createServer((socket) => sockets.push(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      takenPort = (silent.address() as { port: number }).port;
    });
    afterEach(async () => {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => silent.close(resolve));
    });

    it.each([
      ['PORT', 'gateway'],
      ['USERS_PORT', 'users'],
    ])('given as %s, fails at once naming the port, starts no part and exits with 1', async (variable, part) => {
      const startedAt = Date.now();
      launcher = startLauncher(cwd, { ...(await freeLauncherPorts()), [variable]: String(takenPort), DEMO_PASSWORD: 'launcher-test-password' });

      expect(await launcher.exited).toEqual({ code: 1, signal: null });
      const seconds = (Date.now() - startedAt) / 1000;
      expect(launcher.output()).toContain(`port ${takenPort} (${part}, ${variable}) is already in use on 127.0.0.1`);
      expect(launcher.output()).not.toContain('Tenantry is running');
      expect(processesRunningIn(cwd)).toEqual([]);
      expect(sockets).toHaveLength(0);
      // A budget, not a race: the check comes before the database is opened.
      expect(seconds).toBeLessThan(10);
    });
  });
});
