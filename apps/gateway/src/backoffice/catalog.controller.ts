import { Body, Controller, Get, Param, Patch, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CatalogDocument,
  DomainError,
  GetCatalog,
  PublishCatalog,
  VoucherErrors,
  type CatalogView,
  type Principal,
} from '@tillpoint/contracts';
import { MessageClient } from '@tillpoint/messaging';
import { CurrentPrincipal, Roles } from '../access/access.decorators';
import { AccessGuard } from '../access/access.guard';
import { Answer, Problems } from '../docs/api-docs';
import { SkuPipe } from '../http/params';
import { ProductChanges } from './backoffice.bodies';

/** The catalog: versioned by voucher, every change a new version. */
@ApiBearerAuth('session')
@ApiTags('catalog')
@Controller('admin')
@UseGuards(AccessGuard)
export class CatalogController {
  constructor(private readonly client: MessageClient) {}

  @Put('catalog')
  @Roles('platform-admin')
  @ApiOperation({ summary: 'Replace the catalog (the catalog.json document): a new version' })
  @ApiBody({
    description: 'The catalog.json document: {operators, billers?, products}',
    type: CatalogDocument,
  })
  @Answer(200, 'CatalogView: {version, createdAt, catalog}')
  @Problems(403, 422)
  publish(@CurrentPrincipal() principal: Principal, @Body() catalog: CatalogDocument): Promise<CatalogView> {
    return this.client.request(PublishCatalog, { principal, catalog });
  }

  @Get('catalog')
  @Roles('platform-admin', 'operator', 'dealer-admin')
  @ApiOperation({ summary: 'The current catalog (an operator sees only its own products)' })
  @Answer(200, 'CatalogView')
  @Problems(403)
  current(@CurrentPrincipal() principal: Principal): Promise<CatalogView> {
    return this.client.request(GetCatalog, { principal });
  }

  /**
   * One product changed as a new version of the whole catalog. Two admins patching at once may lose one
   * change (voucher has no compare-and-set on versions yet); the answer shows the version written.
   */
  @Patch('products/:sku')
  @Roles('platform-admin')
  @ApiOperation({ summary: "Change one product's commission, range, validity or threshold: a new version" })
  @Answer(200, 'CatalogView of the new version')
  @Problems(403, 422)
  async patch(
    @CurrentPrincipal() principal: Principal,
    @Param('sku', SkuPipe) sku: string,
    @Body() changes: ProductChanges,
  ): Promise<CatalogView> {
    const { catalog } = await this.client.request(GetCatalog, { principal });
    if (!catalog.products.some((product) => product.sku === sku)) {
      throw new DomainError(VoucherErrors.UNKNOWN_PRODUCT, `no product ${sku}`);
    }
    // Only the fields sent: the validated body also carries the absent ones, as undefined.
    const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    const products = catalog.products.map((product) =>
      product.sku === sku ? { ...product, ...given } : product,
    );
    return this.client.request(PublishCatalog, { principal, catalog: { ...catalog, products } });
  }
}
