import { Controller, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { isDomainError, VoucherErrors } from '@tillpoint/contracts';
import type { Response } from 'express';
import { InternalAuthGuard, type InternalRequest } from '../internal/internal-auth.guard';
import { StockImportService } from './stock-import.service';

/** `POST /internal/stock/batches?sku=`: the gateway streams a batch through; the body is never buffered. */
@Controller('internal/stock')
@UseGuards(InternalAuthGuard)
export class StockUploadController {
  constructor(private readonly imports: StockImportService) {}

  @Post('batches')
  async upload(
    @Req() request: InternalRequest,
    @Res() response: Response,
    @Query('sku') sku?: string,
  ): Promise<void> {
    try {
      const batch = await this.imports.import(request, request.principal, sku || undefined);
      response.status(201).json(batch);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const status = error.code === VoucherErrors.FORBIDDEN ? 403 : 422;
      response.status(status).json({ code: error.code, message: error.message, ...error.details });
    }
  }
}
