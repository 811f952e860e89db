import {
  ConfirmSale,
  CreateSale,
  GetCatalog,
  GetSale,
  GetStockLevels,
  PublishCatalog,
  ReleasePin,
  ReverseSale,
  SalesReport,
  SearchSales,
  type AnyContract,
} from '@tillpoint/contracts';

/** Every message the voucher service consumes. */
export const VOUCHER_COMMANDS: AnyContract[] = [
  PublishCatalog,
  GetCatalog,
  CreateSale,
  GetSale,
  ConfirmSale,
  ReverseSale,
  GetStockLevels,
  ReleasePin,
  SearchSales,
  SalesReport,
];
