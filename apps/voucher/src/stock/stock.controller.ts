import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  GetStockLevels,
  GetStockLevelsRequest,
  ReleasePin,
  ReleasePinRequest,
  type ReleasedPin,
  type StockLevel,
} from '@tillpoint/contracts';
import { StockService } from './stock.service';

@Controller()
export class StockController {
  constructor(private readonly stock: StockService) {}

  @MessagePattern(GetStockLevels.name)
  levels(@Payload() request: GetStockLevelsRequest): Promise<StockLevel[]> {
    return this.stock.levels(request);
  }

  @MessagePattern(ReleasePin.name)
  release(@Payload() request: ReleasePinRequest): Promise<ReleasedPin> {
    return this.stock.release(request);
  }
}
