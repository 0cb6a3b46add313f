import { Module } from '@nestjs/common';
import { AccountsCoreModule } from '@app/accounts';
import { GazetteerRepository } from './gazetteer/gazetteer.repository';
import { ImportRepository } from './import.repository';
import { ImportService } from './import.service';
import { ImportsController } from './imports.controller';

@Module({
  imports: [AccountsCoreModule],
  controllers: [ImportsController],
  providers: [GazetteerRepository, ImportRepository, ImportService],
})
export class ImporterModule {}
