import { Foundation1732200000000 } from './1732200000000-foundation';
import { Catalogue1732200001000 } from './1732200001000-catalogue';
import { Accounts1732200002000 } from './1732200002000-accounts';
import { Registration1732200003000 } from './1732200003000-registration';
import { Attendance1732200004000 } from './1732200004000-attendance';
import { AttendanceFieldTrial1764345600000 } from './1764345600000-attendance-field-trial';
import { TokenGeneration1764432000000 } from './1764432000000-token-generation';
import { LoginFailures1764432001000 } from './1764432001000-login-failures';
import { RegistrationIdentityKeys1764432002000 } from './1764432002000-registration-identity-keys';
import { SearchDocuments1796150829809 } from './1796150829809-search-documents';
import { ProvenanceWrites1796154643819 } from './1796154643819-provenance-writes';
import { NotificationsOutbox1796160000000 } from './1796160000000-notifications-outbox';
import { OrganisationBoundOrganisers1796170000000 } from './1796170000000-organisation-bound-organisers';
import { GrantsVersion1796171700000 } from './1796171700000-grants-version';
import { ArticleImports1796180000000 } from './1796180000000-article-imports';
import { ArticleImportAcceptedAs1796190000000 } from './1796190000000-article-import-accepted-as';
import { NotificationByRecipient1796200000000 } from './1796200000000-notification-by-recipient';
import { NameSortKeys1796210000000 } from './1796210000000-name-sort-keys';

/** Every migration, oldest first. Listed explicitly so builds, tests and the CLI load the same set. */
export const ALL_MIGRATIONS = [
  Foundation1732200000000,
  Catalogue1732200001000,
  Accounts1732200002000,
  Registration1732200003000,
  Attendance1732200004000,
  AttendanceFieldTrial1764345600000,
  TokenGeneration1764432000000,
  LoginFailures1764432001000,
  RegistrationIdentityKeys1764432002000,
  SearchDocuments1796150829809,
  ProvenanceWrites1796154643819,
  NotificationsOutbox1796160000000,
  OrganisationBoundOrganisers1796170000000,
  GrantsVersion1796171700000,
  ArticleImports1796180000000,
  ArticleImportAcceptedAs1796190000000,
  NotificationByRecipient1796200000000,
  NameSortKeys1796210000000,
];
