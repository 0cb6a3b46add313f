import { Module } from '@nestjs/common';
import { AccountsCoreModule } from '@app/accounts';
import { BulkRegistrationService } from './bulk/bulk-registration.service';
import { RegistrationController } from './registration.controller';
import { RegistrationRepository } from './registration.repository';
import { RegistrationSettingsService } from './registration-settings.service';
import { RegistrationTransitionsService } from './registration-transitions.service';
import { RegistrationService } from './registration.service';
import { WaitlistService } from './waitlist.service';

@Module({
  imports: [AccountsCoreModule],
  controllers: [RegistrationController],
  providers: [
    RegistrationRepository,
    WaitlistService,
    RegistrationSettingsService,
    RegistrationService,
    RegistrationTransitionsService,
    BulkRegistrationService,
  ],
  exports: [RegistrationService, RegistrationRepository],
})
export class RegistrationModule {}
