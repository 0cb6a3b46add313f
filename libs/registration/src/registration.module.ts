import { Module } from '@nestjs/common';
import { AccountsCoreModule } from '@app/accounts';
import { BulkRegistrationService } from './bulk/bulk-registration.service';
import { RegistrationController } from './registration.controller';
import { RegistrationRepository } from './registration.repository';
import { RegistrationService } from './registration.service';

@Module({
  imports: [AccountsCoreModule],
  controllers: [RegistrationController],
  providers: [RegistrationRepository, RegistrationService, BulkRegistrationService],
  exports: [RegistrationService, RegistrationRepository],
})
export class RegistrationModule {}
