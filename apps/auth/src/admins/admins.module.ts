import { Module } from '@nestjs/common';
import { FirstAdminService } from './first-admin.service';

@Module({ providers: [FirstAdminService] })
export class AdminsModule {}
