import { Injectable } from '@nestjs/common';
import { ReprintReceipt, type Principal } from '@tillpoint/contracts';
import { MessageClient } from '@tillpoint/messaging';
import type { Response } from 'express';
import type { ReceiptQuery } from '../pos/sale.bodies';

/** A COPY of a stored receipt from notifications, answered as slip text, PDF or JSON. */
@Injectable()
export class ReceiptCopies {
  constructor(private readonly client: MessageClient) {}

  async answer(principal: Principal, saleId: string, query: ReceiptQuery, res: Response): Promise<void> {
    const asked = query.format ?? 'json';
    const slip = asked === 'slip32' || asked === 'slip48';
    const reply = await this.client.request(ReprintReceipt, {
      principal,
      saleId,
      format: slip ? 'slip' : asked === 'pdf' ? 'pdf' : 'json',
      ...(slip ? { width: asked === 'slip48' ? 48 : 32 } : {}),
    });
    if (reply.slip !== undefined) {
      res.status(200).type('text/plain; charset=utf-8').send(reply.slip);
    } else if (reply.pdf !== undefined) {
      res.status(200).type('application/pdf').send(Buffer.from(reply.pdf, 'base64'));
    } else {
      res.status(200).json(reply);
    }
  }
}
