import { Module } from '@nestjs/common';
import { AccountsCoreModule } from '@app/accounts';
import { RegistrationController } from './registration.controller';
import { RegistrationRepository } from './registration.repository';
import { RegistrationService } from './registration.service';

@Module({
  imports: [AccountsCoreModule],
  controllers: [RegistrationController],
  providers: [RegistrationRepository, RegistrationService],
  exports: [RegistrationService, RegistrationRepository],
})
export class RegistrationModule {}
