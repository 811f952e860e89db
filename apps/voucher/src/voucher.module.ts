import { Module } from '@nestjs/common';
import { PinCipher } from '@tillpoint/runtime';
import { CatalogController } from './catalog/catalog.controller';
import { CatalogService } from './catalog/catalog.service';
import { VoucherConfig } from './config/voucher.config';
import { InternalAuthGuard } from './internal/internal-auth.guard';
import { LedgerPort } from './ledger/ledger.port';
import { OperatorAdapter } from './operators/operator-adapter';
import { SimulatorAdapter } from './operators/simulator.adapter';
import { PinHasher } from './pins/pin-hasher';
import { SalesExportController } from './reports/sales-export.controller';
import { SalesReportsController } from './reports/sales-reports.controller';
import { SalesReportsService } from './reports/sales-reports.service';
import { SaleAdvicesService } from './sales/sale-advices.service';
import { SaleSaga } from './sales/sale-saga';
import { SaleSweeper } from './sales/sale-sweeper';
import { SalesController } from './sales/sales.controller';
import { SalesRepository } from './sales/sales.repository';
import { SalesService } from './sales/sales.service';
import { StockImportService } from './stock/stock-import.service';
import { StockUploadController } from './stock/stock-upload.controller';
import { StockController } from './stock/stock.controller';
import { StockService } from './stock/stock.service';

/** The catalog, PIN stock and the sale saga: the voucher service's features. */
@Module({
  controllers: [
    CatalogController,
    SalesController,
    StockController,
    StockUploadController,
    SalesReportsController,
    SalesExportController,
  ],
  providers: [
    CatalogService,
    LedgerPort,
    { provide: OperatorAdapter, useClass: SimulatorAdapter },
    {
      provide: PinCipher,
      inject: [VoucherConfig],
      useFactory: (config: VoucherConfig) => new PinCipher(config.pinKeys),
    },
    {
      provide: PinHasher,
      inject: [VoucherConfig],
      useFactory: (config: VoucherConfig) => new PinHasher(config.pinHashKey),
    },
    SalesRepository,
    SaleSaga,
    SalesService,
    SaleAdvicesService,
    SaleSweeper,
    StockImportService,
    StockService,
    SalesReportsService,
    InternalAuthGuard,
  ],
  exports: [SaleSweeper, StockService, CatalogService],
})
export class VoucherModule {}
