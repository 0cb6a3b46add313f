import { Module } from '@nestjs/common';
import { AccountsCoreModule } from '@app/accounts';
import { CatalogueModule } from '@app/catalogue';
import { GazetteerRepository } from './gazetteer/gazetteer.repository';
import { ImportAcceptService } from './import-accept.service';
import { ImportFactsWriter } from './import-facts.writer';
import { ImportRepository } from './import.repository';
import { ImportService } from './import.service';
import { ImportsController } from './imports.controller';

@Module({
  imports: [AccountsCoreModule, CatalogueModule],
  controllers: [ImportsController],
  providers: [GazetteerRepository, ImportRepository, ImportService, ImportAcceptService, ImportFactsWriter],
})
export class ImporterModule {}
