import { randomBytes } from 'node:crypto';

/** A fresh run id: lowercase, short, so that every name of the run fits the platform's id patterns. */
export function newRunId(): string {
  return `${Date.now().toString(36).slice(-5)}${randomBytes(2).toString('hex')}`;
}

/** Everything a run creates is named after its id, so runs can follow each other on one platform. */
export class RunNames {
  constructor(readonly run: string) {}

  /** What every dealer, terminal and cashier id of the run starts with. */
  get prefix(): string {
    return `bench-${this.run}-`;
  }

  dealer(d: number): string {
    return `${this.prefix}d${d}`;
  }

  terminal(d: number, t: number): string {
    return `${this.dealer(d)}-t${t}`;
  }

  cashier(d: number, t: number): string {
    return `${this.terminal(d, t)}-c`;
  }

  serial(d: number, t: number): string {
    return `BENCH-${this.run}-D${d}-T${t}`.toUpperCase();
  }

  /** A PIN batch row's serial: unique per operator across runs. */
  pinSerial(sku: string, n: number): string {
    return `B${this.run}-${sku.replace(/[^A-Z0-9]/g, '')}-${n}`.toUpperCase();
  }

  /** A sale's client reference: unique per terminal, since a connection is the only one with its index. */
  clientRef(connection: number, seq: number): string {
    return `b${this.run}-${connection}-${seq}`;
  }
}
