import { surelyNotDelivered } from './mail-delivery';

const smtpError = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);

describe('surelyNotDelivered: which failed attempts may be sent again', () => {
  it('retries what the server refused or never saw', () => {
    expect(
      surelyNotDelivered(smtpError('connect ECONNREFUSED 127.0.0.1:25', { code: 'ESOCKET', command: 'CONN' })),
    ).toBe(true);
    expect(surelyNotDelivered(smtpError('Greeting never received', { code: 'ETIMEDOUT', command: 'CONN' }))).toBe(true);
    expect(
      surelyNotDelivered(
        smtpError('550 mailbox unavailable', { code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550 }),
      ),
    ).toBe(true);
    expect(
      surelyNotDelivered(smtpError('451 try later', { code: 'EMESSAGE', command: 'DATA', responseCode: 451 })),
    ).toBe(true);
    expect(surelyNotDelivered(new Error('unknown mail template x'))).toBe(true);
  });

  it('does not retry what may have arrived: a timeout or a cut connection once the data began', () => {
    // nodemailer calls an idle-socket timeout "CONN" whatever the step it happened in.
    expect(surelyNotDelivered(smtpError('Timeout', { code: 'ETIMEDOUT', command: 'CONN' }))).toBe(false);
    expect(
      surelyNotDelivered(smtpError('Connection closed unexpectedly', { code: 'ECONNECTION', command: 'DATA' })),
    ).toBe(false);
  });
});
