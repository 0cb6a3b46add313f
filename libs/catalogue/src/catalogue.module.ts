import { Module } from '@nestjs/common';
import { SessionRepository } from './sessions/session.repository';
import { SessionQueryService } from './sessions/session.service';
import { SessionsController } from './sessions/sessions.controller';

@Module({
  controllers: [SessionsController],
  providers: [SessionRepository, SessionQueryService],
  exports: [SessionQueryService],
})
export class CatalogueModule {}
