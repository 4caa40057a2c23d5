import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';

export interface ReceivedMail {
  subject: string;
  text: string;
}

/**
 * Waits until the outbox worker has delivered `count` mails to `to` into MAIL_DIR and returns
 * them oldest first (file names sort by time).
 */
export async function mailsTo(mailDir: string, to: string, count = 1, timeoutMs = 15_000): Promise<ReceivedMail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found: ReceivedMail[] = [];
    // The worker makes the folder with the first mail: until then, no mail has arrived.
    const files = existsSync(mailDir) ? readdirSync(mailDir) : [];
    for (const file of files.filter((name) => name.endsWith('.eml')).sort()) {
      const mail = await simpleParser(readFileSync(join(mailDir, file)));
      const recipients = [mail.to].flat().flatMap((address) => address?.value.map((entry) => entry.address) ?? []);
      if (recipients.includes(to)) found.push({ subject: mail.subject ?? '', text: mail.text ?? '' });
    }
    if (found.length >= count) return found;
    if (Date.now() > deadline) throw new Error(`${found.length} of ${count} mails to ${to} arrived within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The token of the first activation link in a mail. */
export function activationTokenIn(mail: ReceivedMail): string {
  const token = /activate\?token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
  if (!token) throw new Error(`no activation link in "${mail.subject}"`);
  return token;
}
