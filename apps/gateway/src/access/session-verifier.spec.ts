import { AuthErrors, SESSION_AUDIENCE, SESSION_ISSUER } from '@tillpoint/contracts';
import type Redis from 'ioredis';
import { generateKeyPair, SignJWT, type KeyLike } from 'jose';
import type { KeyRing } from './key-ring';
import type { Revocations } from './revocations';
import { SessionVerifier } from './session-verifier';

describe(SessionVerifier.name, () => {
  let keys: { publicKey: KeyLike; privateKey: KeyLike };
  let getKey: jest.Mock;
  let blocked: boolean;
  let verifier: SessionVerifier;

  beforeAll(async () => {
    keys = await generateKeyPair('EdDSA');
  });

  beforeEach(() => {
    blocked = false;
    getKey = jest.fn(() => Promise.resolve(keys.publicKey));
    const revocations = { isTerminalBlocked: () => blocked, isCashierLocked: () => false };
    verifier = new SessionVerifier(
      { getKey } as unknown as KeyRing,
      revocations as unknown as Revocations,
      {} as Redis,
    );
  });

  const token = (expiresAt: number) =>
    new SignJWT({
      role: 'terminal',
      dealerId: 'd-1',
      dealerPath: ['d-1'],
      dealerName: 'Corner Shop',
      currency: 'KES',
      timeZone: 'Africa/Nairobi',
      terminalId: 't-1',
    })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'k-1' })
      .setSubject('c-1')
      .setJti(`jti-${expiresAt}`)
      .setIssuer(SESSION_ISSUER)
      .setAudience(SESSION_AUDIENCE)
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .sign(keys.privateKey);

  it('verifies a token once: its second verify does not verify the signature again', async () => {
    const now = Date.now();
    const jwt = await token(now + 60_000);
    const first = await verifier.verify(jwt, now);
    const second = await verifier.verify(jwt, now + 1_000);
    expect(second).toEqual(first);
    expect(second.seller).toMatchObject({ terminalId: 't-1', cashierId: 'c-1' });
    expect(getKey).toHaveBeenCalledTimes(1);
  });

  it('refuses a cached token once its exp has passed', async () => {
    const now = Date.now();
    const jwt = await token(now + 5_000);
    await verifier.verify(jwt, now);
    await expect(verifier.verify(jwt, now + 5_000)).rejects.toMatchObject({ code: AuthErrors.TOKEN_EXPIRED });
    expect(getKey).toHaveBeenCalledTimes(1);
  });

  it('refuses a cached token of a terminal blocked since, at once', async () => {
    const now = Date.now();
    const jwt = await token(now + 60_000);
    await verifier.verify(jwt, now);
    blocked = true;
    await expect(verifier.verify(jwt, now)).rejects.toMatchObject({ code: AuthErrors.SESSION_REVOKED });
  });

  it('does not remember a token it refused', async () => {
    const now = Date.now();
    const jwt = await token(now + 60_000);
    const forged = `${jwt.slice(0, -4)}AAAA`;
    await expect(verifier.verify(forged, now)).rejects.toMatchObject({ code: AuthErrors.TOKEN_INVALID });
    await expect(verifier.verify(forged, now)).rejects.toMatchObject({ code: AuthErrors.TOKEN_INVALID });
    expect(getKey).toHaveBeenCalledTimes(2);
  });
});
