import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IdField, TextField } from '@app/common';
import { CitationInputDto, CitationsField, SessionCitationInputDto } from '../../citations/citation-input.dto';
import {
  AGENDA_KINDS,
  AUDIENCE_SCOPES,
  DATE_PRECISIONS,
  INVITATION_SCOPES,
  ORGANISER_ROLES,
  PARTS_OF_DAY,
  SESSION_FORMATS,
  SESSION_KINDS,
  SESSION_STATUSES,
} from '../session.rules';

const MAX_ID = 2_147_483_647;

export class CreateSessionDto {
  @ApiProperty({ example: 'Hội nghị tập huấn công tác thông tin đối ngoại năm 2026' })
  @TextField({ min: 5, max: 300 })
  title: string;

  @ApiPropertyOptional({ description: 'URL name; derived from the title when omitted', example: 'tap-huan-ttdn-2026' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'slug must be lower-case words joined by hyphens' })
  @MaxLength(120)
  slug?: string;

  @ApiProperty({ enum: SESSION_KINDS })
  @IsIn(SESSION_KINDS)
  kind: string;

  @ApiPropertyOptional({
    example: '2026-03-10',
    description:
      'Required unless precision is day_unknown_year or unknown: no date is invented for a report without one',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  startsOn?: string;

  @ApiPropertyOptional({ example: '2026-03-11', description: 'Defaults to startsOn (or the end of the month/year)' })
  @IsOptional()
  @IsDateString({ strict: true })
  endsOn?: string;

  @ApiPropertyOptional({
    enum: DATE_PRECISIONS,
    default: 'day',
    description:
      'day_unknown_year: "sáng 9/11" in a report years later (give startMonth/startDay, and endMonth/endDay for a range); ' +
      'unknown: only "recently" (give reportedBy, the report date)',
  })
  @IsOptional()
  @IsIn(DATE_PRECISIONS)
  precision?: (typeof DATE_PRECISIONS)[number];

  @ApiPropertyOptional({ example: 11, description: 'Month of a day_unknown_year date' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12)
  startMonth?: number;

  @ApiPropertyOptional({ example: 9 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(31)
  startDay?: number;

  @ApiPropertyOptional({ example: 10, description: 'End of a multi-day range without a year (11–13/10)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12)
  endMonth?: number;

  @ApiPropertyOptional({ example: 13 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(31)
  endDay?: number;

  @ApiPropertyOptional({ description: 'The year is not stated but inferred (give dateInference)' })
  @IsOptional()
  @IsBoolean()
  yearInferred?: boolean;

  @ApiPropertyOptional({ example: 'năm lấy từ tên hội nghị ("năm 2019")', description: 'Why the year was inferred' })
  @TextField({ max: 1000, optional: true })
  dateInference?: string;

  @ApiPropertyOptional({ example: 'sáng 9/11', description: 'The date as the report words it' })
  @TextField({ max: 200, optional: true })
  dateAsReported?: string;

  @ApiPropertyOptional({ example: '2021-11-12', description: 'The latest the event can be: the report date' })
  @IsOptional()
  @IsDateString({ strict: true })
  reportedBy?: string;

  @ApiPropertyOptional({ enum: PARTS_OF_DAY })
  @IsOptional()
  @IsIn(PARTS_OF_DAY)
  partOfDay?: string;

  @ApiPropertyOptional()
  @TextField({ max: 300, optional: true })
  venueName?: string;

  @ApiPropertyOptional()
  @TextField({ max: 500, optional: true })
  venueAddress?: string;

  @ApiPropertyOptional({ description: 'Province id' })
  @IdField({ optional: true })
  hostProvinceId?: number;

  @ApiPropertyOptional({ enum: SESSION_FORMATS, default: 'in_person' })
  @IsOptional()
  @IsIn(SESSION_FORMATS)
  format?: string;

  @ApiPropertyOptional()
  @TextField({ max: 1000, optional: true })
  audience?: string;

  @ApiPropertyOptional({ enum: AUDIENCE_SCOPES, description: 'The level of the audience (district, commune…)' })
  @IsOptional()
  @IsIn(AUDIENCE_SCOPES)
  audienceScope?: string;

  @ApiPropertyOptional({ example: 'các huyện Sơn Dương, Yên Sơn và thành phố Tuyên Quang' })
  @TextField({ max: 2000, optional: true })
  audienceUnits?: string;

  @ApiPropertyOptional()
  @TextField({ max: 2000, optional: true })
  note?: string;

  @CitationsField(SessionCitationInputDto)
  citations?: SessionCitationInputDto[];
}

/** What an edit may set back to empty with `null` (the rest is required, or has a default). */
export const CLEARABLE_SESSION_FIELDS = [
  'partOfDay',
  'venueName',
  'venueAddress',
  'hostProvinceId',
  'audience',
  'audienceScope',
  'audienceUnits',
  'note',
  'dateAsReported',
] as const;

const CLEARS = 'null clears it';

export class UpdateSessionDto extends PartialType(OmitType(CreateSessionDto, CLEARABLE_SESSION_FIELDS)) {
  @ApiProperty({ description: 'The version you read; a stale version is refused with 409' })
  @IsInt()
  @Min(1)
  version: number;

  // The create DTO's rules, with null allowed: it sets the field back to empty. Any other field
  // sent as null is refused by the edit use case, naming the field.
  @ApiPropertyOptional({ type: String, enum: PARTS_OF_DAY, nullable: true, description: CLEARS })
  @IsOptional()
  @IsIn(PARTS_OF_DAY)
  partOfDay?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: CLEARS })
  @TextField({ max: 300, optional: true })
  venueName?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: CLEARS })
  @TextField({ max: 500, optional: true })
  venueAddress?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: `Province id; ${CLEARS}` })
  @IdField({ optional: true })
  hostProvinceId?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: CLEARS })
  @TextField({ max: 1000, optional: true })
  audience?: string | null;

  @ApiPropertyOptional({ type: String, enum: AUDIENCE_SCOPES, nullable: true, description: CLEARS })
  @IsOptional()
  @IsIn(AUDIENCE_SCOPES)
  audienceScope?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: CLEARS })
  @TextField({ max: 2000, optional: true })
  audienceUnits?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: CLEARS })
  @TextField({ max: 2000, optional: true })
  note?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: CLEARS })
  @TextField({ max: 200, optional: true })
  dateAsReported?: string | null;
}

/** An edit's fields without the version it was read at. */
export type SessionChanges = Omit<UpdateSessionDto, 'version'>;

export class ChangeStatusDto {
  @ApiProperty({ enum: SESSION_STATUSES })
  @IsIn(SESSION_STATUSES)
  status: string;

  @ApiPropertyOptional({ description: 'Why (kept in the audit log); required to cancel' })
  @TextField({ max: 1000, optional: true })
  reason?: string;
}

export class OrganiserInputDto {
  @ApiProperty()
  @IdField()
  organisationId: number;

  @ApiProperty({ enum: ORGANISER_ROLES })
  @IsIn(ORGANISER_ROLES)
  role: string;

  @CitationsField()
  citations?: CitationInputDto[];
}

export class ReplaceOrganisersDto {
  @ApiProperty({ type: [OrganiserInputDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => OrganiserInputDto)
  organisers: OrganiserInputDto[];
}

export class CreateBridgePointDto {
  @ApiProperty({ example: 'Điểm cầu Tỉnh ủy Tuyên Quang' })
  @TextField({ min: 2, max: 300 })
  name: string;

  @ApiPropertyOptional({ description: 'Province of the site' })
  @IdField({ optional: true })
  provinceId?: number;

  @ApiPropertyOptional({ description: 'Host body of the site (a tỉnh ủy, a ministry, a mission abroad)' })
  @IdField({ optional: true })
  organisationId?: number;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  abroad?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Stands for several sites not listed one by one' })
  @IsOptional()
  @IsBoolean()
  isGroup?: boolean;

  @CitationsField()
  citations?: CitationInputDto[];
}

export class ReplaceInvitationsDto {
  @ApiPropertyOptional({ enum: INVITATION_SCOPES })
  @IsOptional()
  @IsIn(INVITATION_SCOPES)
  scope?: string;

  @ApiPropertyOptional({ type: [Number], description: 'Province ids invited one by one' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_ID, { each: true })
  provinceIds?: number[];

  @ApiPropertyOptional({
    type: [Number],
    description: "Regions invited whole: every unit of the region in force on the session's start date is invited",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(6)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(32767, { each: true })
  regionIds?: number[];

  @ApiPropertyOptional({ type: [CitationInputDto], description: 'Where the report says who was invited' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CitationInputDto)
  citations?: CitationInputDto[];
}

export class PresenterInputDto {
  @ApiPropertyOptional({ description: 'A person… (exactly one of personId, organisationId)' })
  @IdField({ optional: true })
  personId?: number;

  @ApiPropertyOptional({ description: '…or a body when the source names no one' })
  @IdField({ optional: true })
  organisationId?: number;
}

export class CreateAgendaItemDto {
  @ApiPropertyOptional({ description: 'Place in the agenda (1-based); appended when omitted' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  position?: number;

  @ApiProperty({ enum: AGENDA_KINDS })
  @IsIn(AGENDA_KINDS)
  kind: string;

  @ApiProperty()
  @TextField({ min: 2, max: 500 })
  title: string;

  @ApiPropertyOptional()
  @TextField({ max: 4000, optional: true })
  summary?: string;

  @ApiPropertyOptional({ example: '14:00' })
  @IsOptional()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'startsAt must be HH:MM' })
  startsAt?: string;

  @ApiPropertyOptional({ example: '15:30' })
  @IsOptional()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'endsAt must be HH:MM' })
  endsAt?: string;

  @ApiPropertyOptional({ example: 2, description: 'Day of a multi-day session (1 = its first day)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  day?: number;

  @ApiPropertyOptional({ type: [PresenterInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PresenterInputDto)
  presenters?: PresenterInputDto[];

  @ApiPropertyOptional({ type: [Number], description: 'Guiding document ids the item covers' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_ID, { each: true })
  documentIds?: number[];

  @CitationsField()
  citations?: CitationInputDto[];
}

export class UpdateAgendaItemDto extends PartialType(CreateAgendaItemDto) {}
