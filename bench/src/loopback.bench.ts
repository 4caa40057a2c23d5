/**
 * What one hop between two processes costs this machine (`npm run bench -- loopback`): a byte sent
 * back and forth over loopback TCP between this process and an echo server in another, one round
 * trip at a time, as every gateway → subgraph and subgraph → database call is. Prints round trips
 * per second and the CPU microseconds this side spent per round trip. See bench/README.md (One hop).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';

const SECONDS = 3;
const ECHO_SERVER = `
const server = require('node:net').createServer((socket) => { socket.setNoDelay(true); socket.on('data', (data) => socket.write(data)); });
server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;

async function main(): Promise<void> {
  const echo = spawn(process.execPath, ['-e', ECHO_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const [port] = (await once(echo.stdout!, 'data')) as [Buffer];
    const socket = connect(Number(port.toString().trim()), '127.0.0.1');
    await once(socket, 'connect');
    socket.setNoDelay(true);
    let roundTrips = 0;
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    const until = started + BigInt(SECONDS * 1e9);
    await new Promise<void>((done) => {
      socket.on('data', () => {
        roundTrips++;
        if (process.hrtime.bigint() < until) socket.write('x');
        else done();
      });
      socket.write('x');
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    socket.destroy();
    console.log(
      `loopback TCP, one byte each way, one round trip at a time: ${(roundTrips / seconds).toFixed(0)} round trips/s, ` +
        `${((cpu.user + cpu.system) / roundTrips).toFixed(1)} µs of this side's CPU per round trip`,
    );
  } finally {
    echo.kill();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
