import { Module } from '@nestjs/common';
import { NonceStore } from './nonce-store';
import { RequestVerifier } from './request-verifier';

/** Terminal request signatures: the verifier the POS routes will use, and its shared nonce store. */
@Module({ providers: [NonceStore, RequestVerifier], exports: [RequestVerifier] })
export class SigningModule {}
