import { Module } from '@nestjs/common';
import { AccountsCoreModule } from '@app/accounts';
import { EditingController } from './editing/editing.controller';
import { EditingRepository } from './editing/editing.repository';
import { EditingService } from './editing/editing.service';
import { DocumentRepository } from './documents/document.repository';
import { DocumentsController } from './documents/documents.controller';
import { DocumentsService } from './documents/documents.service';
import { OrganisationRepository } from './organisations/organisation.repository';
import { OrganisationsController } from './organisations/organisations.controller';
import { OrganisationsService } from './organisations/organisations.service';
import { PeopleController } from './people/people.controller';
import { PeopleService } from './people/people.service';
import { PersonRepository } from './people/person.repository';
import { PlacesController } from './places/places.controller';
import { PlacesRepository } from './places/places.repository';
import { SessionAgendaService } from './sessions/session-agenda.service';
import { SessionEditService } from './sessions/session-edit.service';
import { SessionLifecycleService } from './sessions/session-lifecycle.service';
import { SessionWriteRepository } from './sessions/session-write.repository';
import { SessionRepository } from './sessions/session.repository';
import { SessionQueryService } from './sessions/session.service';
import { SessionsController } from './sessions/sessions.controller';
import { SourcesController } from './sources/sources.controller';

@Module({
  imports: [AccountsCoreModule],
  controllers: [
    SessionsController,
    PeopleController,
    OrganisationsController,
    DocumentsController,
    PlacesController,
    SourcesController,
    EditingController,
  ],
  providers: [
    SessionRepository,
    SessionQueryService,
    SessionWriteRepository,
    SessionEditService,
    SessionLifecycleService,
    SessionAgendaService,
    PersonRepository,
    PeopleService,
    OrganisationRepository,
    OrganisationsService,
    DocumentRepository,
    DocumentsService,
    PlacesRepository,
    EditingRepository,
    EditingService,
  ],
  exports: [SessionQueryService, SessionRepository, PlacesRepository],
})
export class CatalogueModule {}
