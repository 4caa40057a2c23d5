import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { createMailTransport } from './transport';

const FROM = 'Tenantry <no-reply@tenantry.local>';
const SENDER = [{ name: 'Tenantry', address: 'no-reply@tenantry.local' }];
const MAIL = { to: 'ada@example.com', subject: 'Activate your account', text: 'Open https://tenantry.local/activate?token=abc to start.\nSee you.' };

describe('mail transport', () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'tenantry-mail-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('writes each mail as a complete .eml file with a time-sortable name into a folder it creates', async () => {
    const mailDir = join(folder, 'var', 'mail');
    const transport = createMailTransport({ mailDir, from: FROM });
    await transport.send(MAIL);
    await transport.send({ ...MAIL, to: 'grace@example.com', subject: 'Second' });
    transport.close();

    const names = readdirSync(mailDir);
    expect(names).toHaveLength(2);
    for (const name of names) expect(name).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-[0-9a-f]{8}\.eml$/);
    const mails = await Promise.all(names.map((name) => simpleParser(readFileSync(join(mailDir, name)))));
    expect(mails.map(summarise).sort((a, b) => a.to.localeCompare(b.to))).toEqual([
      { from: SENDER, to: MAIL.to, subject: MAIL.subject, text: MAIL.text },
      { from: SENDER, to: 'grace@example.com', subject: 'Second', text: MAIL.text },
    ]);
  });

  it('sends through the SMTP server of SMTP_URL, logging in with its credentials', async () => {
    const received: ParsedMail[] = [];
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      onAuth: (auth, _session, callback) =>
        auth.username === 'mailer' && auth.password === 's3cret:pass'
          ? callback(null, { user: auth.username })
          : callback(new Error('Invalid username or password')),
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => received.push(mail))
          .then(() => callback(), callback);
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    try {
      const transport = createMailTransport({ smtpUrl: `smtp://mailer:s3cret%3Apass@127.0.0.1:${port}`, mailDir: folder, from: FROM });
      await transport.send(MAIL);
      transport.close();

      expect(received.map(summarise)).toEqual([{ from: SENDER, to: MAIL.to, subject: MAIL.subject, text: MAIL.text }]);
      expect(readdirSync(folder)).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => server.close(resolve));
    }
  });

  it('rejects a send that the SMTP server refuses', async () => {
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      onRcptTo: (_address, _session, callback) => callback(new Error('No such user here')),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    try {
      const transport = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${port}`, mailDir: folder, from: FROM });
      await expect(transport.send(MAIL)).rejects.toThrow(/No such user here/);
      transport.close();
    } finally {
      await new Promise<void>((resolve) => server.close(resolve));
    }
  });
});

function summarise(mail: ParsedMail) {
  const to = Array.isArray(mail.to) ? mail.to.map((address) => address.text).join(', ') : mail.to?.text;
  return { from: mail.from?.value, to: to ?? '', subject: mail.subject, text: mail.text?.trimEnd() };
}
