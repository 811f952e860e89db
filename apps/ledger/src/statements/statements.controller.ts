import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { GetStatement, type StatementPage, GetStatementRequest } from '@tillpoint/contracts';
import { StatementsService } from './statements.service';

@Controller()
export class StatementsController {
  constructor(private readonly statements: StatementsService) {}

  @MessagePattern(GetStatement.name)
  page(@Payload() request: GetStatementRequest): Promise<StatementPage> {
    return this.statements.page(request);
  }
}
