import { MessagingTables1764720000000 } from '@tillpoint/messaging';
import { dataSourceOptions, ensureDatabaseExists, migrateSchema, PinCipher } from '@tillpoint/runtime';
import { Client } from 'pg';
import { DataSource, type MigrationInterface } from 'typeorm';
import { migrations as auth } from '../../../apps/auth/src/migrations';
import { migrations as ledger } from '../../../apps/ledger/src/migrations';
import { migrations as notifications } from '../../../apps/notifications/src/migrations';
import { migrations as voucher } from '../../../apps/voucher/src/migrations';

export const PIN_KEYS = 'dev1:6sO3cFQ8b0dnQ3lDk1x2m9y1eR0bZQv7l3rWcY0a5mE=';
export const SOLD = '11111111-1111-4111-8111-111111111111';
export const FAILED = '22222222-2222-4222-8222-222222222222';
export const SOLD_PIN = '81726354091827';
export const SPARE_PIN = '55667788990011';

const SCHEMAS: Record<string, Array<new () => MigrationInterface>> = { auth, ledger, voucher, notifications };

/** The four schemas, migrated as the services would, in a fresh database. */
export async function migrateAll(url: string): Promise<void> {
  await ensureDatabaseExists(url);
  for (const [schema, list] of Object.entries(SCHEMAS)) {
    const source = new DataSource(
      dataSourceOptions({ url, schema, migrations: [MessagingTables1764720000000, ...list] }),
    );
    await source.initialize();
    await migrateSchema(source, schema);
    await source.destroy();
  }
}

/**
 * A small consistent day: a dealer's float topped up 10,000, one PIN sale COMPLETED at cost 940 (value
 * 1,000, commission 60), one FAILED sale, a spare PIN in stock, a dealer webhook that got the receipt.
 */
export async function seed(sql: Client): Promise<void> {
  const cipher = new PinCipher(PIN_KEYS);
  await sql.query(`
    INSERT INTO ledger.accounts (id, code, kind, owner, currency, balance) VALUES
      (1, 'float:d-one', 'float', 'd-one', 'KES', 9060), (2, 'funding:KES', 'funding', NULL, 'KES', 0),
      (3, 'payable:op:KES', 'payable', 'op', 'KES', 0), (4, 'commission:KES', 'commission', NULL, 'KES', 0);
    INSERT INTO ledger.transfers (id, kind, legs_hash) VALUES ('topup:1', 'topup', 'x'), ('sale:${SOLD}', 'sale', 'y');
    INSERT INTO ledger.entries (transfer_id, account_id, amount, currency, balance_after) VALUES
      ('topup:1', 1, 10000, 'KES', 10000), ('topup:1', 2, -10000, 'KES', NULL),
      ('sale:${SOLD}', 1, -940, 'KES', 9060), ('sale:${SOLD}', 3, 1000, 'KES', NULL),
      ('sale:${SOLD}', 4, -60, 'KES', NULL);`);
  await sql.query(
    `INSERT INTO voucher.stock_batches (id, sku, operator_id, rows, actor)
       VALUES ('33333333-3333-4333-8333-333333333333', 'OP-PIN-10', 'op', 2, 'op-user')`,
  );
  for (const [id, pin] of [
    [1, SOLD_PIN],
    [2, SPARE_PIN],
  ] as const) {
    const sealed = cipher.seal(pin);
    await sql.query(
      `INSERT INTO voucher.pins (id, sku, operator_id, batch_id, serial, pin_hash, key_id, sealed, expires_on)
       VALUES ($1, 'OP-PIN-10', 'op', '33333333-3333-4333-8333-333333333333', $2, $3, $4, $5, '2099-01-01')`,
      [id, `S${id}`, `h${id}`, sealed.keyId, sealed.sealed],
    );
  }
  for (const [id, state, ref] of [
    [SOLD, 'COMPLETED', 'r-1'],
    [FAILED, 'FAILED', 'r-2'],
  ]) {
    await sql.query(
      `INSERT INTO voucher.sales (id, terminal_id, client_ref, request_hash, state, kind, sku, product, operator_id,
         dealer_id, dealer_path, seller, account, currency, amount, cost, commission, catalog_version, local_day,
         pin_id, completed_at)
       VALUES ($1, 't-one', $3, 'h', $2, 'pin', 'OP-PIN-10', '{}', 'op', 'd-one', '{d-one}', '{}', '+254712000000',
         'KES', 1000, 940, 60, 1, '2026-12-01', $4, $5)`,
      [
        id,
        state,
        ref,
        state === 'COMPLETED' ? 1 : null,
        state === 'COMPLETED' ? '2026-12-01T10:00:00Z' : null,
      ],
    );
  }
  await sql.query(`UPDATE voucher.pins SET status = 'sold', sale_id = '${SOLD}' WHERE id = 1`);
  await sql.query(`
    INSERT INTO notifications.receipts (sale_id, state, dealer_id, dealer_path, terminal_id, operator_id, receipt)
      VALUES ('${SOLD}', 'COMPLETED', 'd-one', '{d-one}', 't-one', 'op', '{"pin": {"keyId": "dev1"}}');
    INSERT INTO notifications.subscriptions (id, owner_kind, owner_id, url, events, secret_sealed, created_by, created_at)
      VALUES ('44444444-4444-4444-8444-444444444444', 'dealer', 'd-one', 'https://x.invalid', '{sale.completed}',
        '{}', 'admin', '2026-11-01T00:00:00Z');
    INSERT INTO notifications.deliveries (id, channel, subscription_id, event_id, event_type, occurred_at, sale_id,
        pin_access, status)
      VALUES ('55555555-5555-4555-8555-555555555555', 'webhook', '44444444-4444-4444-8444-444444444444', 'ev-1',
        'sale.completed', '2026-12-01T10:00:00Z', '${SOLD}', 'full', 'delivered');`);
}
