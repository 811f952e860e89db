import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  UseGuards,
  type PipeTransform,
} from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CLIENT_REF,
  ConfirmSale,
  CreateSale,
  DomainError,
  GatewayErrors,
  GetSale,
  isDomainError,
  MessagingErrors,
  ReverseSale,
  type Principal,
  type SaleView,
  type SellerContext,
} from '@tillpoint/contracts';
import { MessageClient } from '@tillpoint/messaging';
import type { Response } from 'express';
import { CurrentPrincipal, CurrentSeller, Pos } from '../access/access.decorators';
import { AccessGuard } from '../access/access.guard';
import { GatewayConfig } from '../config/gateway.config';
import { Answer, PosAuth, Problems } from '../docs/api-docs';
import { ReceiptCopies } from '../receipts/receipt-copies';
import { ReceiptQuery, SaleBody } from './sale.bodies';

class ClientRefPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!CLIENT_REF.test(value))
      throw new DomainError(GatewayErrors.INVALID_REQUEST, 'not a client reference');
    return value;
  }
}

/** How long the 202 answer waits to learn the sale's id; the sale itself is not waited for. */
const PENDING_LOOKUP_MS = 1000;

/** A recorded FAILED sale is a refusal with its reason, the sale itself in the problem's `sale` member. */
function finalAnswer(sale: SaleView): SaleView {
  if (sale.state !== 'FAILED') return sale;
  throw new DomainError(sale.failureCode ?? GatewayErrors.INTERNAL, 'the sale failed', { sale });
}

/** Selling, the sale's status, the terminal's advices and receipt copies: voucher and notifications decide. */
@ApiTags('pos')
@PosAuth()
@Controller('pos/sales')
@UseGuards(AccessGuard)
@Pos()
export class SalesController {
  constructor(
    private readonly client: MessageClient,
    private readonly config: GatewayConfig,
    private readonly receipts: ReceiptCopies,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Sell: 201 final, 202 still pending (Location), 402/409/422 a FAILED sale' })
  @ApiHeader({ name: 'idempotency-key', required: false, description: 'Stands for clientRef' })
  @Answer(201, 'The sale COMPLETED (or CONFIRMED/REVERSED on a repeat): SaleView with the PIN in clear')
  @Answer(202, 'Not final within the deadline: {clientRef, state: PENDING, saleId?}; poll the Location')
  @Problems(402, 403, 409, 422)
  async sell(
    @CurrentPrincipal() principal: Principal,
    @CurrentSeller() seller: SellerContext,
    @Body() body: SaleBody,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SaleView | { clientRef: string; state: 'PENDING'; saleId?: string }> {
    const clientRef = this.clientRefOf(body.clientRef, idempotencyKey);
    try {
      const sale = await this.client.request(
        CreateSale,
        { ...body, clientRef, principal, seller },
        { timeoutMs: this.config.saleDeadlineMs },
      );
      if (sale.state !== 'PENDING') return finalAnswer(sale);
      return this.pending(res, clientRef, sale.saleId);
    } catch (error) {
      // The deadline passed: the sale goes on in voucher, whose late reply the client drops.
      if (!isDomainError(error) || error.code !== MessagingErrors.TIMEOUT) throw error;
      return this.pending(res, clientRef, await this.saleIdOf(principal, clientRef));
    }
  }

  @Get(':clientRef')
  @ApiOperation({ summary: "The terminal's own sale as it stands" })
  @Answer(200, 'SaleView')
  @Problems(404)
  status(
    @CurrentPrincipal() principal: Principal,
    @Param('clientRef', ClientRefPipe) clientRef: string,
  ): Promise<SaleView> {
    return this.client.request(GetSale, { principal, clientRef });
  }

  @Post(':clientRef/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'The receipt was printed (idempotent)' })
  @Answer(200, 'SaleView')
  @Problems(404, 409)
  confirm(
    @CurrentPrincipal() principal: Principal,
    @Param('clientRef', ClientRefPipe) clientRef: string,
  ): Promise<SaleView> {
    return this.client.request(ConfirmSale, { principal, clientRef });
  }

  @Post(':clientRef/reverse')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take a PIN sale back within the reversal window (idempotent)' })
  @Answer(200, 'SaleView')
  @Problems(404, 409)
  reverse(
    @CurrentPrincipal() principal: Principal,
    @Param('clientRef', ClientRefPipe) clientRef: string,
  ): Promise<SaleView> {
    return this.client.request(ReverseSale, { principal, clientRef });
  }

  @Get(':clientRef/receipt')
  @ApiOperation({ summary: 'A COPY of the receipt: slip32, slip48 (text/plain), pdf, or json' })
  @Answer(200, 'The copy (text/plain, application/pdf or JSON)')
  @Problems(404)
  async receipt(
    @CurrentPrincipal() principal: Principal,
    @Param('clientRef', ClientRefPipe) clientRef: string,
    @Query() query: ReceiptQuery,
    @Res() res: Response,
  ): Promise<void> {
    const sale = await this.client.request(GetSale, { principal, clientRef });
    await this.receipts.answer(principal, sale.saleId, query, res);
  }

  private clientRefOf(fromBody: string | undefined, fromHeader: string | undefined): string {
    if (fromHeader !== undefined && !CLIENT_REF.test(fromHeader)) {
      throw new DomainError(GatewayErrors.INVALID_REQUEST, 'Idempotency-Key is not a client reference');
    }
    if (fromBody && fromHeader && fromBody !== fromHeader) {
      throw new DomainError(GatewayErrors.INVALID_REQUEST, 'clientRef and Idempotency-Key differ');
    }
    const clientRef = fromBody ?? fromHeader;
    if (!clientRef) throw new DomainError(GatewayErrors.INVALID_REQUEST, 'clientRef is required');
    return clientRef;
  }

  private pending(res: Response, clientRef: string, saleId: string | undefined) {
    res.status(202).setHeader('Location', `/pos/sales/${clientRef}`);
    return { clientRef, state: 'PENDING' as const, ...(saleId ? { saleId } : {}) };
  }

  /** The pending sale's id if voucher has recorded it yet; the 202 is answered either way. */
  private async saleIdOf(principal: Principal, clientRef: string): Promise<string | undefined> {
    try {
      const sale = await this.client.request(
        GetSale,
        { principal, clientRef },
        { timeoutMs: PENDING_LOOKUP_MS },
      );
      return sale.saleId;
    } catch {
      return undefined;
    }
  }
}
