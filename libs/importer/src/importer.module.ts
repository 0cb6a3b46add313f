import { Module } from '@nestjs/common';
import { AccountsCoreModule } from '@app/accounts';
import { GazetteerRepository } from './gazetteer/gazetteer.repository';
import { ImportService } from './import.service';
import { ImportsController } from './imports.controller';

@Module({
  imports: [AccountsCoreModule],
  controllers: [ImportsController],
  providers: [GazetteerRepository, ImportService],
})
export class ImporterModule {}
