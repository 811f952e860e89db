/**
 * Session tokens whose signature and claims were verified, by the whole token string, so that a terminal's
 * every request does not verify its Ed25519 signature again (~0.5 ms each). Bounded (least recently used
 * goes first); an entry is good only until its token's `exp`. Blocks, lockouts and logouts are not kept
 * here: the guard checks them on every request.
 */
export class VerifiedTokens<T extends { exp: number }> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly capacity = 10_000) {}

  /** The verified value; `expired` if it was verified but its `exp` has passed (the entry is dropped). */
  get(token: string, now: number): T | 'expired' | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    this.entries.delete(token);
    if (entry.exp * 1000 <= now) return 'expired';
    this.entries.set(token, entry); // now the most recently used
    return entry;
  }

  set(token: string, value: T, now: number): void {
    if (value.exp * 1000 <= now) return;
    this.entries.delete(token);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, value);
  }

  get size(): number {
    return this.entries.size;
  }
}
