import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';

/** The built package, as the servers load it: the destination is process-wide, so each case runs in a process of its own. */
const FEDERATION = join(dirname(require.resolve('@tenantry/federation/package.json')), 'dist', 'index.js');

function run(script: string): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['-e', `const { logInternalError } = require(${JSON.stringify(FEDERATION)});\n${script}`], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output, exited: new Promise((resolve) => child.once('exit', resolve)) };
}

/** Waits, as a person watching the log would, until `text` shows; fails after `timeoutMs`. */
async function shows(output: () => string, text: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!output().includes(text)) {
    if (Date.now() > until) throw new Error(`"${text}" did not show within ${timeoutMs} ms; output: ${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the process log destination', () => {
  it("shows a quiet server's line without waiting for a chunk to fill", async () => {
    const { child, output, exited } = run("logInternalError(new Error('a lone line'), undefined);\nsetInterval(() => {}, 1000);");
    try {
      await shows(output, 'a lone line', 5_000);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
  });

  it('writes every line still waiting when the process exits', async () => {
    const { output, exited } = run("for (let line = 1; line <= 3; line++) logInternalError(new Error('line ' + line), undefined);\nprocess.exit(0);");
    expect(await exited).toBe(0);
    expect(
      output()
        .split('\n')
        .filter((line) => line.includes('"line '))
        .map((line) => JSON.parse(line).err.message),
    ).toEqual(['line 1', 'line 2', 'line 3']);
  });
});
