import { resolve } from 'node:path';
import { exitOnConfigurationError, readEnvironment, reportReady, stopWhenTold } from '@tenantry/config';
import { createMailTransport, MailSender } from '@tenantry/mail';
import { openStore } from '@tenantry/store';

/** How often the outbox is polled for due mail. */
const POLL_INTERVAL_MS = 1000;

/** The outbox worker: delivers committed mail until told to stop; run as many as you like, each mail goes once. */
async function main(): Promise<void> {
  const env = readEnvironment();
  const dataSource = await openStore({ url: env.DATABASE_URL, file: env.DATABASE_FILE });
  const transport = createMailTransport({ smtpUrl: env.SMTP_URL, mailDir: resolve(env.MAIL_DIR), from: env.MAIL_FROM });
  const sender = new MailSender(dataSource, transport);
  sender.start(POLL_INTERVAL_MS);
  stopWhenTold(async () => {
    await sender.stop();
    transport.close();
    await dataSource.destroy();
  });
  console.log(`mail sender delivering ${env.SMTP_URL ? 'over SMTP' : `to ${resolve(env.MAIL_DIR)}`}`);
  reportReady();
}

main().catch(exitOnConfigurationError);
