import type { INestApplication } from '@nestjs/common';
import { startMessaging } from '@tillpoint/messaging';
import { catchEdgeErrors, setUpHttp } from './http-setup';

/** The HTTP edge before init, the consumers, then the edge-error handler after the routes (it sees what they miss). */
export async function startGateway(app: INestApplication): Promise<void> {
  setUpHttp(app);
  await startMessaging(app);
  catchEdgeErrors(app);
}
