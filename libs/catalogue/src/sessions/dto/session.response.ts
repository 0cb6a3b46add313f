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

export class SessionPageDto {
  @ApiProperty({ type: [SessionSummaryDto] }) items: SessionSummaryDto[];
  @ApiProperty({ type: PageMeta }) page: PageMeta;
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
