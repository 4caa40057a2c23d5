// Preloaded into every process of the graph by the profile suite (NODE_OPTIONS=--import, see
// profile.bench.ts): SIGUSR2 starts V8's sampling profiler, the next SIGUSR2 writes what it sampled
// to PROFILE_DIR/<pid>.cpuprofile, so a profile covers the timed load only, not start-up or warm-up.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const SAMPLING_INTERVAL_US = 250;
const session = new Session();
session.connect();
let sampling = false;

process.on('SIGUSR2', () => {
  if (!sampling) {
    sampling = true;
    session.post('Profiler.enable', () =>
      session.post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US }, () => session.post('Profiler.start')),
    );
    return;
  }
  sampling = false;
  session.post('Profiler.stop', (error, result) => {
    if (!error) writeFileSync(join(process.env.PROFILE_DIR ?? '.', `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
});
