import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where the peer gateway (Hive Gateway 2.15) lives: its own package.json, installed on first use, never a product dependency. */
export const PEER_FOLDER = join(__dirname, '..', 'peer-gateway');
export const PEER_SCRIPT = join(PEER_FOLDER, 'serve.mjs');

/** Installs the peer gateway if it is not yet; the reason it cannot be when it cannot (no network, for one). */
export function ensurePeerInstalled(): { installed: true } | { installed: false; reason: string } {
  if (existsSync(join(PEER_FOLDER, 'node_modules', '@graphql-hive', 'gateway', 'package.json'))) return { installed: true };
  console.log('installing the peer gateway into bench/peer-gateway (first run only)...');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--prefix', PEER_FOLDER, '--no-audit', '--no-fund', '--ignore-scripts'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    timeout: 5 * 60_000,
  });
  if (result.status === 0) return { installed: true };
  // npm's first error lines name the cause (ECONNREFUSED, ENOTFOUND...); the last ones only point at its log.
  const npmErrors = (result.stderr ?? '').split('\n').filter((line) => line.startsWith('npm error'));
  const reason = result.error?.message ?? (npmErrors.slice(0, 2).join(' ') || `npm install exited ${result.status}`);
  return { installed: false, reason };
}
