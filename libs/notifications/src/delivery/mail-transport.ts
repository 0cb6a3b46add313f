import { Injectable, Logger } from '@nestjs/common';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { AppConfig } from '@app/common';

export interface TransportResult {
  /** Where the message went: the SMTP server's answer, or the .eml file written. */
  response: string;
}

/**
 * nodemailer over SMTP_URL; without it, each message becomes an .eml file under MAIL_DIR (named
 * in the log), so a new installation shows what it would send without a mail server.
 */
@Injectable()
export class MailTransport {
  private readonly logger = new Logger('MailTransport');
  private readonly smtp?: Transporter;
  private readonly files?: Transporter;

  constructor(private readonly config: AppConfig) {
    const timeout = config.MAIL_SEND_TIMEOUT_MS;
    if (config.SMTP_URL) {
      // No connection pool: a server that went away is noticed on the next message, not held half-open.
      this.smtp = nodemailer.createTransport(config.SMTP_URL, {
        connectionTimeout: Math.min(timeout, 10_000),
        greetingTimeout: Math.min(timeout, 10_000),
        socketTimeout: timeout,
      });
    } else {
      this.files = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
    }
  }

  get destination(): string {
    return this.config.SMTP_URL ? 'smtp' : path.resolve(this.config.MAIL_DIR);
  }

  async send(message: Mail.Options, fileName: string): Promise<TransportResult> {
    if (this.smtp) {
      const info = await this.smtp.sendMail(message);
      return { response: String(info.response ?? 'accepted') };
    }
    const info = await this.files!.sendMail(message);
    const folder = path.resolve(this.config.MAIL_DIR);
    await mkdir(folder, { recursive: true });
    const file = path.join(folder, `${fileName}.eml`);
    // Written beside and renamed, so a reader never opens half a message.
    await writeFile(`${file}.part`, info.message as Buffer);
    await rename(`${file}.part`, file);
    this.logger.log(`mail to ${String(message.to)} written to ${file} (no SMTP_URL set)`);
    return { response: `written to ${file}` };
  }
}
