/** Where SMS go. Only the in-memory driver exists: there is no real SMS provider yet. */
export abstract class SmsDriver {
  abstract send(to: string, text: string): Promise<void>;
}

export interface SentSms {
  to: string;
  text: string;
  at: Date;
}

/** Keeps every message in the process, for tests and development (SMS_DRIVER=memory). */
export class MemorySmsDriver extends SmsDriver {
  readonly sent: SentSms[] = [];

  send(to: string, text: string): Promise<void> {
    this.sent.push({ to, text, at: new Date() });
    return Promise.resolve();
  }
}

/** SMS_DRIVER=off: nothing is planned for SMS, so reaching this driver is a bug worth a failed attempt. */
export class OffSmsDriver extends SmsDriver {
  send(): Promise<void> {
    return Promise.reject(new Error('SMS is switched off (SMS_DRIVER=off)'));
  }
}
