import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import {
  GetCatalog,
  GetCatalogRequest,
  PublishCatalog,
  PublishCatalogRequest,
  type CatalogView,
} from '@tillpoint/contracts';
import { MessageContext } from '@tillpoint/messaging';
import { CatalogService } from './catalog.service';

@Controller()
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @MessagePattern(PublishCatalog.name)
  publish(@Payload() request: PublishCatalogRequest, @Ctx() ctx: MessageContext): Promise<CatalogView> {
    return this.catalog.publish(request, ctx);
  }

  @MessagePattern(GetCatalog.name)
  get(@Payload() request: GetCatalogRequest): Promise<CatalogView> {
    return this.catalog.get(request);
  }
}
