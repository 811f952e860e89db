import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { RunAudit, type AuditReport } from '@tillpoint/contracts';
import { AuditService } from './audit.service';

@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @MessagePattern(RunAudit.name)
  run(): Promise<AuditReport> {
    return this.audit.run();
  }
}
