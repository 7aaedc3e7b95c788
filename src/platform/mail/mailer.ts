import nodemailer from 'nodemailer';

/**
 * Outgoing e-mail over SMTP (nodemailer). Configured with `NETRA_SMTP_URL`
 * (`smtp://user:pass@host:587`, `smtps://…` for TLS) and `NETRA_MAIL_FROM`; without a URL there is
 * no mailer and features only notify in the app.
 */
export type Mail = { to: string; subject: string; text: string };
export type Mailer = { send: (mail: Mail) => Promise<void> };

export function createMailer(opts: { url: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(opts.url);
  return {
    async send(mail) {
      await transport.sendMail({ from: opts.from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}
