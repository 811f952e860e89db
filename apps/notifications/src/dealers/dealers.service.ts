import { Injectable } from '@nestjs/common';
import type { DealerProfile, FloatLowEvent } from '@tillpoint/contracts';
import { headerString, Headers, UnitOfWork, type MessageContext } from '@tillpoint/messaging';
import { DeliveryPlanner } from '../deliveries/delivery-planner';

/** The dealers projection (who to alert, at which address) and the low-float alerts it serves. */
@Injectable()
export class DealersService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly planner: DeliveryPlanner,
  ) {}

  /** The whole profile as auth now has it; a created after an updated (out of order) changes nothing. */
  upsert(dealer: DealerProfile, ctx: MessageContext): Promise<void> {
    return this.work.run(
      async ({ manager }) => {
        await manager.query(
          `INSERT INTO dealers (id, parent_id, path, name, currency, time_zone, email, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (id) DO UPDATE SET parent_id = EXCLUDED.parent_id, path = EXCLUDED.path,
             name = EXCLUDED.name, currency = EXCLUDED.currency, time_zone = EXCLUDED.time_zone,
             email = EXCLUDED.email, updated_at = EXCLUDED.updated_at
           WHERE dealers.updated_at <= EXCLUDED.updated_at`,
          [
            dealer.id,
            dealer.parentId ?? null,
            dealer.path,
            dealer.name,
            dealer.currency,
            dealer.timeZone,
            dealer.email ?? null,
            occurredAt(ctx),
          ],
        );
      },
      { message: ctx },
    );
  }

  floatLow(alert: FloatLowEvent, ctx: MessageContext): Promise<void> {
    return this.work.run(
      async ({ manager }) => {
        const [dealer] = await manager.query<Array<{ email: string | null }>>(
          'SELECT email FROM dealers WHERE id = $1',
          [alert.dealer],
        );
        await this.planner.planFloatLow(manager, alert, dealer?.email ?? undefined, {
          id: ctx.messageId,
          type: 'float.low',
          occurredAt: occurredAt(ctx),
        });
      },
      { message: ctx },
    );
  }
}

function occurredAt(ctx: MessageContext): string {
  return headerString(ctx.message.properties.headers, Headers.occurredAt) ?? new Date().toISOString();
}
