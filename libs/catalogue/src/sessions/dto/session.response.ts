import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageMeta } from '@app/common';
import { CitationDto } from '../../shared/citations';

export class PlaceRefDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ type: String, nullable: true }) code: string | null;
}

export class ScheduleDto {
  @ApiProperty({ type: String, nullable: true, example: '2025-03-08', description: 'null when the year is unknown' })
  startsOn: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2025-03-08' }) endsOn: string | null;
  @ApiProperty({
    enum: ['day', 'month', 'year', 'day_unknown_year', 'unknown'],
    description: 'day_unknown_year: day and month known, year not; unknown: only "recently" (before reportedBy)',
  })
  precision: string;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'With day_unknown_year' }) startMonth:
    number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) startDay: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) endMonth: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) endDay: number | null;
  @ApiProperty({ description: 'The year is inferred, not stated (see inference)' }) yearInferred: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Why the year was inferred' }) inference:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'sáng 9/11', description: 'The words of the report' })
  asReported: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The latest the event can be (the report date)' })
  reportedBy: string | null;
  @ApiProperty({ example: '9/11, năm không rõ', description: 'The date as known, in Vietnamese' }) label: string;
  @ApiPropertyOptional({ nullable: true, enum: ['morning', 'afternoon', 'evening', 'full_day'] }) partOfDay:
    string | null;
  @ApiProperty({ example: 'Asia/Ho_Chi_Minh' }) timeZone: string;
}

export class SessionSummaryDto {
  @ApiProperty() id: number;
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty() kind: string;
  @ApiProperty() status: string;
  @ApiProperty({ type: ScheduleDto }) schedule: ScheduleDto;
  @ApiProperty() format: string;
  @ApiPropertyOptional({ type: String, nullable: true }) venueName: string | null;
  @ApiPropertyOptional({ nullable: true, type: PlaceRefDto }) hostProvince: PlaceRefDto | null;
}

export const SEARCH_FIELDS = [
  'title',
  'document',
  'hostProvince',
  'organiser',
  'presenter',
  'date',
  'venue',
  'documentTitle',
  'kind',
  'region',
  'invitedProvince',
  'agenda',
  'presenterPost',
  'delegation',
  'bridgePoint',
  'agendaSummary',
  'venueAddress',
  'audience',
] as const;

export class SearchHighlightDto {
  @ApiProperty({ enum: SEARCH_FIELDS, description: 'Which part of the session matched' }) field: string;
  @ApiProperty({ description: 'That part as shown, e.g. "Kết luận 57-KL/TW"', example: 'Kết luận 57-KL/TW' })
  text: string;
}

export class SessionListItemDto extends SessionSummaryDto {
  @ApiPropertyOptional({
    type: [SearchHighlightDto],
    description: 'With `q` only: up to 3 fields that matched, those matching most words first',
  })
  highlights?: SearchHighlightDto[];
}

export class YearFacetDto {
  @ApiProperty({ example: 2024 }) year: number;
  @ApiProperty() count: number;
}

export class KindFacetDto {
  @ApiProperty() kind: string;
  @ApiProperty() count: number;
}

export class PlaceFacetDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty() count: number;
}

export class SessionFacetsDto {
  @ApiProperty({ type: [YearFacetDto], description: 'By the year a session starts, newest first' })
  years: YearFacetDto[];
  @ApiProperty({ type: [KindFacetDto], description: 'Most sessions first' }) kinds: KindFacetDto[];
  @ApiProperty({
    type: [PlaceFacetDto],
    description: 'A session counts under every region it is hosted in, invites, or invites a province of',
  })
  regions: PlaceFacetDto[];
  @ApiProperty({ type: [PlaceFacetDto], description: 'Most sessions first' }) hostProvinces: PlaceFacetDto[];
}

export class SearchInfoDto {
  @ApiProperty({ type: [String], description: 'The words searched for, folded, as the search used them' })
  words: string[];
  @ApiProperty({ description: 'Nothing matched as typed; the items match near names (one typo) instead' })
  fuzzy: boolean;
  @ApiProperty({ type: [String], description: 'With `fuzzy`: the near names that were also matched' })
  corrections: string[];
}

export class SessionPageDto {
  @ApiProperty({ type: [SessionListItemDto] }) items: SessionListItemDto[];
  @ApiProperty({ type: PageMeta }) page: PageMeta;
  @ApiPropertyOptional({ type: SearchInfoDto, description: 'With `q` only' }) search?: SearchInfoDto;
  @ApiPropertyOptional({ type: SessionFacetsDto, description: 'With `facets=true` only: counts for the whole query' })
  facets?: SessionFacetsDto;
}

export class OrganiserDto {
  @ApiProperty() organisationId: number;
  @ApiProperty({ description: 'The name in force on the session date' }) name: string;
  @ApiProperty({ description: 'The current name' }) currentName: string;
  @ApiProperty({ enum: ['lead', 'co_organiser'] }) role: string;
  @ApiProperty({ type: [CitationDto] }) citations: CitationDto[];
}

export class PositionDto {
  @ApiProperty({ description: 'The positionId of DELETE /people/{id}/positions/{positionId}' }) id: number;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) organisationId: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Organisation name in force at the date' })
  organisationName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) attestedOn: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) validFrom: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) validTo: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'The session whose report states this post' })
  statedAtSessionId: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) statedAtSessionSlug: string | null;
  @ApiProperty({ type: [CitationDto] }) citations: CitationDto[];
}

export class PresenterDto {
  @ApiProperty({ enum: ['person', 'organisation'] }) type: 'person' | 'organisation';
  @ApiPropertyOptional({ type: Number, nullable: true }) personId: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) organisationId: number | null;
  @ApiProperty({ description: 'Full name, or the body name in force on the session date' }) name: string;
  @ApiPropertyOptional({ type: String, nullable: true }) academicTitle: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) militaryRank: string | null;
  @ApiProperty({
    type: [PositionDto],
    description: 'Posts stated at this session first (statedAtSessionId set), then those held as at its date',
  })
  positions: PositionDto[];
}

export class DocumentRefDto {
  @ApiProperty() id: number;
  @ApiPropertyOptional({ type: String, nullable: true }) number: string | null;
  @ApiProperty() kind: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ type: String, nullable: true }) issuedOn: string | null;
}

export class AgendaItemDto {
  @ApiProperty() id: number;
  @ApiProperty() position: number;
  @ApiProperty() kind: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ type: String, nullable: true }) summary: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '14:00' }) startsAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) endsAt: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Day of a multi-day session (1 = first)' })
  day: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: [PresenterDto] }) presenters: PresenterDto[];
  @ApiProperty({ type: [DocumentRefDto] }) documents: DocumentRefDto[];
  @ApiProperty({ type: [CitationDto] }) citations: CitationDto[];
}

export class ClaimDto {
  @ApiProperty() id: number;
  @ApiProperty() value: number;
  @ApiProperty({ enum: ['exact', 'at_least', 'about', 'at_most'] }) qualifier: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'What the report says about the count' })
  note: string | null;
  @ApiProperty({ type: [CitationDto] }) citations: CitationDto[];
}

export class ReportedCountDto {
  @ApiProperty({ example: 'invited_province_count' }) field: string;
  @ApiProperty({ description: 'True when no value satisfies every claim (150+ and ~200 agree; 25 and 26 do not)' })
  conflict: boolean;
  @ApiProperty({ type: [ClaimDto] }) claims: ClaimDto[];
}

export class BridgePointDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) organisationId: number | null;
  @ApiPropertyOptional({ nullable: true, type: PlaceRefDto }) province: PlaceRefDto | null;
  @ApiProperty() abroad: boolean;
  @ApiProperty({ description: 'Stands for several sites the source does not list' }) isGroup: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: [CitationDto] }) citations: CitationDto[];
}

export class DelegationDto {
  @ApiProperty() id: number;
  @ApiProperty({ type: PlaceRefDto }) province: PlaceRefDto;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null: the province delegation as a whole' })
  organisationId: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The name in force on the session date' })
  organisationName: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) headcount: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: [CitationDto] }) citations: CitationDto[];
}

export class EventRoleDto {
  @ApiProperty() id: number;
  @ApiProperty({ enum: ['chair', 'guest', 'speaker', 'lecturer', 'award_recipient'] }) role: string;
  @ApiProperty({ enum: ['person', 'organisation'] }) type: 'person' | 'organisation';
  @ApiPropertyOptional({ type: Number, nullable: true }) personId: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) organisationId: number | null;
  @ApiProperty({ description: 'Full name, or the body name in force on the session date' }) name: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) awardId: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'How the report names them there' }) statedAs:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: [CitationDto] }) citations: CitationDto[];
}

export class AwardDto {
  @ApiProperty() id: number;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) conferredById: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) conferredByName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: [EventRoleDto] }) recipients: EventRoleDto[];
  @ApiProperty({ type: [CitationDto] }) citations: CitationDto[];
}

export class RegionRefDto {
  @ApiProperty() id: number;
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Only some of its units were invited, and the source does not list them' })
  inPart: boolean;
}

export class SourceRefDto {
  @ApiProperty() key: string;
  @ApiPropertyOptional({ type: String, nullable: true }) publisher: string | null;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ type: String, nullable: true }) publishedOn: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) author: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) url: string | null;
}

export class SessionDetailDto extends SessionSummaryDto {
  @ApiPropertyOptional({ type: String, nullable: true }) venueAddress: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) audience: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    enum: ['national', 'regional', 'provincial', 'district', 'commune'],
    description: 'The level of the audience',
  })
  audienceScope: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'The district or commune units, as the report names them',
  })
  audienceUnits: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, enum: ['nationwide', 'regions', 'provinces'] }) invitationScope:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ type: [OrganiserDto] }) organisers: OrganiserDto[];
  @ApiProperty({ type: [PlaceRefDto] }) invitedProvinces: PlaceRefDto[];
  @ApiProperty({ type: [RegionRefDto] }) invitedRegions: RegionRefDto[];
  @ApiProperty({ type: [ReportedCountDto] }) reportedCounts: ReportedCountDto[];
  @ApiProperty({ type: [BridgePointDto] }) bridgePoints: BridgePointDto[];
  @ApiProperty({ type: [DelegationDto] }) reportedDelegations: DelegationDto[];
  @ApiProperty({
    type: [EventRoleDto],
    description: 'Chair, guests, speakers, lecturers (award recipients under awards)',
  })
  roles: EventRoleDto[];
  @ApiProperty({ type: [AwardDto] }) awards: AwardDto[];
  @ApiProperty({ type: [DocumentRefDto], description: 'Documents covered by the session or any of its items' })
  documents: DocumentRefDto[];
  @ApiProperty({ type: [AgendaItemDto] }) agenda: AgendaItemDto[];
  @ApiProperty({ type: [SourceRefDto] }) sources: SourceRefDto[];
  @ApiProperty({ type: [CitationDto] }) citations: CitationDto[];
}
