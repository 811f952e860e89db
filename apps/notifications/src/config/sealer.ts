import { PinCipher } from '@tillpoint/runtime';

/**
 * The platform's PIN key ring, opened once at boot: opens the PINs in sale events and seals the webhook
 * secrets we must keep to sign with (never stored or logged in clear).
 */
export class Sealer extends PinCipher {}
