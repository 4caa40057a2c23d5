import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport';

/** What the outbox holds of a mail: plain text to one recipient. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Where mail goes: `SMTP_URL` when set, else `MAIL_DIR`, so development needs no mail server. */
export interface MailTransportOptions {
  /** `smtp://user:pass@host:587` or `smtps://…`: send real mail. */
  smtpUrl?: string;
  /** Folder that receives one `.eml` file per mail when there is no `smtpUrl`. */
  mailDir: string;
  /** The From header of every mail (`MAIL_FROM`). */
  from: string;
}

/** Sends one mail at a time; the sender decides when and how often to retry. */
export interface MailTransport {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * Bounds one SMTP conversation, so a send ends well before the sender's claim on the mail
 * expires and another sender takes it over.
 */
const smtpTimeouts = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/** Builds the transport the configuration asks for: real SMTP, or `.eml` files on disk. */
export function createMailTransport(options: MailTransportOptions): MailTransport {
  if (!options.smtpUrl) return createMailDirTransport(options.mailDir, options.from);
  const transporter = createTransport(new SMTPTransport({ url: options.smtpUrl, ...smtpTimeouts }));
  return {
    async send(message) {
      await transporter.sendMail({ ...message, from: options.from });
    },
    close: () => transporter.close(),
  };
}

/**
 * Writes each mail as an RFC 822 file that any mail client opens. Names sort by time, and a file
 * appears only complete: it is written under a hidden temporary name, then renamed.
 */
function createMailDirTransport(mailDir: string, from: string): MailTransport {
  const builder = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    async send(message) {
      const { message: eml } = await builder.sendMail({ ...message, from });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`;
      await mkdir(mailDir, { recursive: true });
      const temporary = join(mailDir, `.${name}.tmp`);
      await writeFile(temporary, eml as Buffer); // `buffer: true` yields a Buffer, never a stream
      await rename(temporary, join(mailDir, name));
    },
    close: () => builder.close(),
  };
}
