import { Module } from '@nestjs/common';
import { AccountsCoreModule } from '@app/accounts';
import { SessionCalendarController } from './calendar/session-calendar.controller';
import { SessionCalendarRepository } from './calendar/session-calendar.repository';
import { SessionCalendar } from './calendar/session-calendar.service';
import { DocumentEditingService } from './documents/document-editing.service';
import { DocumentRepository } from './documents/document.repository';
import { DocumentsEditingController } from './documents/documents-editing.controller';
import { DocumentsController } from './documents/documents.controller';
import { DocumentsService } from './documents/documents.service';
import { OrganisationEditingService } from './organisations/organisation-editing.service';
import { OrganisationRepository } from './organisations/organisation.repository';
import { OrganisationsEditingController } from './organisations/organisations-editing.controller';
import { OrganisationsController } from './organisations/organisations.controller';
import { OrganisationsService } from './organisations/organisations.service';
import { PeopleEditingController } from './people/people-editing.controller';
import { PeopleController } from './people/people.controller';
import { PersonEditingService } from './people/person-editing.service';
import { PeopleService } from './people/people.service';
import { PersonRepository } from './people/person.repository';
import { PlacesController } from './places/places.controller';
import { PlacesRepository } from './places/places.repository';
import { CatalogueRecordWriter } from './shared/catalogue-record-writer';
import { CatalogueRecordRepository } from './shared/catalogue-record.repository';
import { SessionAgendaService } from './sessions/session-agenda.service';
import { SessionParticipantsService } from './sessions/session-participants.service';
import { SessionEditService } from './sessions/session-edit.service';
import { SessionLifecycleService } from './sessions/session-lifecycle.service';
import { SessionWriteRepository } from './sessions/session-write.repository';
import { SessionSearchRepository } from './search/session-search.repository';
import { SessionRepository } from './sessions/session.repository';
import { SessionQueryService } from './sessions/session.service';
import { SessionsController } from './sessions/sessions.controller';
import { SourcesController } from './sources/sources.controller';
import { SourceRepository } from './sources/source.repository';
import { SourcesService } from './sources/sources.service';
import { CitationRepository } from './citations/citation.repository';
import { CitationWriter } from './citations/citation.writer';
import { ClaimRepository } from './claims/claim.repository';
import { ClaimsController } from './claims/claims.controller';
import { ClaimsService } from './claims/claims.service';
import { DelegationRepository } from './delegations/delegation.repository';
import { DelegationsController } from './delegations/delegations.controller';
import { DelegationsService } from './delegations/delegations.service';
import { RoleRepository } from './roles/role.repository';
import { RolesController } from './roles/roles.controller';
import { RolesService } from './roles/roles.service';
import { SessionFactTransaction } from './shared/session-fact-transaction';
import { AppearanceRepository } from './appearances/appearance.repository';
import { AppearancesService } from './appearances/appearances.service';
import { ImportRecordWriter } from './imports/import-record-writer';
import { SessionImportWriter } from './imports/session-import-writer';

@Module({
  imports: [AccountsCoreModule],
  controllers: [
    SessionsController,
    PeopleController,
    OrganisationsController,
    DocumentsController,
    PlacesController,
    SourcesController,
    SessionCalendarController,
    // The writes come after the reads, as they were registered when they shared one controller.
    PeopleEditingController,
    OrganisationsEditingController,
    DocumentsEditingController,
    ClaimsController,
    DelegationsController,
    RolesController,
  ],
  providers: [
    SessionRepository,
    SessionSearchRepository,
    SessionQueryService,
    SessionWriteRepository,
    SessionEditService,
    SessionLifecycleService,
    SessionAgendaService,
    SessionParticipantsService,
    PersonRepository,
    PeopleService,
    OrganisationRepository,
    OrganisationsService,
    DocumentRepository,
    DocumentsService,
    PlacesRepository,
    SessionCalendarRepository,
    SessionCalendar,
    CatalogueRecordRepository,
    CatalogueRecordWriter,
    PersonEditingService,
    OrganisationEditingService,
    DocumentEditingService,
    SourceRepository,
    SourcesService,
    CitationRepository,
    CitationWriter,
    SessionFactTransaction,
    ClaimRepository,
    ClaimsService,
    DelegationRepository,
    DelegationsService,
    RoleRepository,
    RolesService,
    AppearanceRepository,
    AppearancesService,
    SessionImportWriter,
    ImportRecordWriter,
  ],
  exports: [SessionQueryService, SessionRepository, PlacesRepository, SessionImportWriter, ImportRecordWriter],
})
export class CatalogueModule {}
