import { Injectable, Logger } from '@nestjs/common';
import { DomainError, GatewayErrors, GetSigningKeys } from '@tillpoint/contracts';
import { MessageClient } from '@tillpoint/messaging';
import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose';

/** A new key id is looked up at most this often, so that forged `kid`s cannot flood auth. */
const REFRESH_MIN_MS = 30_000;

/** Auth's public keys (a JWKS with key ids), fetched by command and cached, refreshed when a new kid shows. */
@Injectable()
export class KeyRing {
  private readonly log = new Logger(KeyRing.name);
  private jwks?: JWTVerifyGetKey;
  private kids = new Set<string>();
  private fetchedAt = 0;
  private fetching?: Promise<void>;

  constructor(private readonly client: MessageClient) {}

  /** The key lookup jose verifies with; it fetches auth's keys when it has none or meets an unknown kid. */
  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    const known = header.kid !== undefined && this.kids.has(header.kid);
    if (!this.jwks || (!known && Date.now() - this.fetchedAt > REFRESH_MIN_MS)) await this.refresh();
    if (!this.jwks) throw new DomainError(GatewayErrors.UNAVAILABLE, 'no signing keys from auth yet');
    return this.jwks(header, token);
  };

  refresh(): Promise<void> {
    this.fetching ??= this.client
      .request(GetSigningKeys, {}, { timeoutMs: 2000 })
      .then(({ keys }) => {
        this.jwks = createLocalJWKSet({ keys: keys.map((k) => ({ ...k })) });
        this.kids = new Set(keys.map((k) => k.kid));
        this.fetchedAt = Date.now();
      })
      .catch((error: Error) => this.log.warn(`could not fetch auth's signing keys: ${error.message}`))
      .finally(() => (this.fetching = undefined));
    return this.fetching;
  }
}
