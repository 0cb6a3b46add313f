import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { AppConfig } from '@app/common';

/** Messages one process hands to the server at the same time. */
export const DELIVERIES_AT_ONCE = 4;

export interface TransportResult {
  /** Where the message went: the SMTP server's answer, or the .eml file written. */
  response: string;
}

/**
 * nodemailer over SMTP_URL; without it, each message becomes an .eml file under MAIL_DIR (named
 * in the log), so a new installation shows what it would send without a mail server.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly logger = new Logger('MailTransport');
  private readonly smtp?: Transporter;
  private readonly files?: Transporter;

  constructor(private readonly config: AppConfig) {
    const timeout = config.MAIL_SEND_TIMEOUT_MS;
    if (config.SMTP_URL) {
      // nodemailer reads a URL's transport options from its query string only (options passed
      // beside a URL are ignored): a small pool, one connection per concurrent delivery and
      // reopened when the server went away, and timeouts within one delivery's time limit.
      // Values the operator put in SMTP_URL win.
      const url = new URL(config.SMTP_URL);
      const options = {
        pool: true,
        maxConnections: DELIVERIES_AT_ONCE,
        connectionTimeout: Math.min(timeout, 10_000),
        greetingTimeout: Math.min(timeout, 10_000),
        socketTimeout: timeout,
      };
      for (const [key, value] of Object.entries(options)) {
        if (!url.searchParams.has(key)) url.searchParams.set(key, String(value));
      }
      this.smtp = nodemailer.createTransport(url.toString());
    } else {
      this.files = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
    }
  }

  onApplicationShutdown(): void {
    this.smtp?.close();
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
