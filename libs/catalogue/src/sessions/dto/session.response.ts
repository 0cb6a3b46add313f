import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageMeta } from '@app/common';
import { CitationDto } from '../../shared/citations';

export class PlaceRefDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ type: String, nullable: true }) code: string | null;
}

export class ScheduleDto {
  @ApiProperty({ example: '2025-03-08' }) startsOn: string;
  @ApiProperty({ example: '2025-03-08' }) endsOn: string;
  @ApiProperty({ enum: ['day', 'month', 'year'] }) precision: string;
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
  @ApiProperty() title: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) organisationId: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Organisation name in force at the date' })
  organisationName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) attestedOn: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) validFrom: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) validTo: string | null;
  @ApiProperty({ type: [CitationDto] }) citations: CitationDto[];
}

export class PresenterDto {
  @ApiProperty({ enum: ['person', 'organisation'] }) type: 'person' | 'organisation';
  @ApiPropertyOptional({ type: Number, nullable: true }) personId: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) organisationId: number | null;
  @ApiProperty({ description: 'Full name, or the body name in force on the session date' }) name: string;
  @ApiPropertyOptional({ type: String, nullable: true }) academicTitle: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) militaryRank: string | null;
  @ApiProperty({ type: [PositionDto], description: 'Posts held as at the session date' }) positions: PositionDto[];
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
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: [PresenterDto] }) presenters: PresenterDto[];
  @ApiProperty({ type: [DocumentRefDto] }) documents: DocumentRefDto[];
  @ApiProperty({ type: [CitationDto] }) citations: CitationDto[];
}

export class ClaimDto {
  @ApiProperty() value: number;
  @ApiPropertyOptional({ type: String, nullable: true }) qualifier: string | null;
  @ApiProperty({ type: [CitationDto] }) citations: CitationDto[];
}

export class ReportedCountDto {
  @ApiProperty({ example: 'invited_province_count' }) field: string;
  @ApiProperty({ description: 'True when the sources disagree' }) conflict: boolean;
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
  @ApiProperty({ type: PlaceRefDto }) province: PlaceRefDto;
  @ApiProperty() organisationId: number;
  @ApiProperty() organisationName: string;
  @ApiProperty({ type: [CitationDto] }) citations: CitationDto[];
}

export class RegionRefDto {
  @ApiProperty() id: number;
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
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
  @ApiProperty({ type: [DocumentRefDto], description: 'Documents covered by the session or any of its items' })
  documents: DocumentRefDto[];
  @ApiProperty({ type: [AgendaItemDto] }) agenda: AgendaItemDto[];
  @ApiProperty({ type: [SourceRefDto] }) sources: SourceRefDto[];
  @ApiProperty({ type: [CitationDto] }) citations: CitationDto[];
}
