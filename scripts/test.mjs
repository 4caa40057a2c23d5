// Runs the whole suite on the embedded database, then again on MySQL when it answers.
// REQUIRE_MYSQL=1 makes an unreachable MySQL a failure instead of a skipped second pass.
import { spawnSync } from 'node:child_process';
import { createConnection } from 'mysql2/promise';

const mysqlUrl = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const jestArgs = ['--ci', ...process.argv.slice(2)];

function runJest(database) {
  console.log(`\n=== tests on ${database === 'mysql' ? `MySQL (${mysqlUrl})` : 'the embedded database (SQLite)'} ===`);
  const result = spawnSync(process.execPath, ['node_modules/jest/bin/jest.js', ...jestArgs], {
    stdio: 'inherit',
    env: { ...process.env, TEST_DATABASE: database, TEST_MYSQL_URL: mysqlUrl },
  });
  return result.status ?? 1;
}

async function mysqlAnswers() {
  try {
    const connection = await createConnection({ uri: mysqlUrl, connectTimeout: 3000 });
    await connection.query('SELECT 1');
    await connection.end();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

let status = runJest('sqlite');
const problem = await mysqlAnswers();
if (problem === null) {
  status = runJest('mysql') || status;
} else if (process.env.REQUIRE_MYSQL === '1') {
  console.error(`MySQL at ${mysqlUrl} is required (REQUIRE_MYSQL=1) but does not answer: ${problem}`);
  status = 1;
} else {
  console.log(`MySQL tests skipped: nothing answers at ${mysqlUrl} (${problem}).`);
}
process.exit(status);
