import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { DATED_PRECISIONS, PARTS_OF_DAY, SESSION_FORMATS, SESSION_KINDS } from '@app/catalogue';
import { Absentable, IdField, TextField } from '@app/common';

export class ImportArticleDto {
  @ApiProperty({
    description:
      'The report as plain text (one paragraph a line) or as the HTML of its page. Not normalised on the way in: ' +
      'line breaks number the paragraphs that citations point to. At most 512 KiB (UTF-8), else 413.',
    example: 'Hội nghị tập huấn …\nSáng 9/11, tại Hội trường …, Ban Tuyên giáo Tỉnh ủy … tổ chức Hội nghị tập huấn …',
  })
  @IsString()
  @MinLength(1)
  text: string;

  @ApiPropertyOptional({ example: 'https://baotinh.vn/tap-huan-thong-tin-doi-ngoai.html' })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ example: 'Báo Tuyên Quang' })
  @TextField({ max: 200, optional: true })
  publisher?: string;

  @ApiPropertyOptional({
    description: 'Date of publication (YYYY-MM-DD): resolves dates written without a year ("Chiều 8/3")',
    example: '2025-03-09',
  })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'publishedOn must be a date YYYY-MM-DD' })
  publishedOn?: string;
}

export class ImportCitationDto {
  @ApiProperty({ description: 'Paragraph number (1-based; every non-blank line is a paragraph)' }) paragraph: number;
  @ApiProperty({ description: 'Exact substring of that paragraph' }) quote: string;
}

export class LinkDto {
  @ApiProperty({ nullable: true, type: String, description: 'Catalogue id, null when not in the catalogue' })
  id: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Catalogue slug' }) slug: string | null;
  @ApiProperty({ description: 'The name as the article gives it' }) name: string;
  @ApiProperty({ description: 'Not in the catalogue: proposed as new' }) isNew: boolean;
}

class CitedBase {
  @ApiProperty({ type: [ImportCitationDto] }) citations: ImportCitationDto[];
  @ApiProperty({ description: 'How sure the rule is, 0..1' }) confidence: number;
  @ApiPropertyOptional({ description: 'Inferred, not stated (e.g. the year from the event name)' }) inferred?: boolean;
  @ApiPropertyOptional() note?: string;
}

export class CitedTextDto extends CitedBase {
  @ApiProperty() value: string;
}
export class ProposedDateDto {
  @ApiProperty({ example: '2025-03-08' }) start: string;
  @ApiProperty({ example: '2025-03-08' }) end: string;
  @ApiProperty({ enum: ['day', 'month', 'year'] }) precision: string;
  @ApiProperty({ enum: ['stated', 'event_name', 'published_date'], nullable: true, type: String }) yearFrom:
    string | null;
}
export class CitedDateDto extends CitedBase {
  @ApiProperty({ type: ProposedDateDto }) value: ProposedDateDto;
}
export class CitedLinkDto extends CitedBase {
  @ApiProperty({ type: LinkDto }) value: LinkDto;
}
export class OrganiserValueDto {
  @ApiProperty({ type: LinkDto }) organisation: LinkDto;
  @ApiProperty({ enum: ['lead', 'co_organiser'] }) role: string;
}
export class CitedOrganiserDto extends CitedBase {
  @ApiProperty({ type: OrganiserValueDto }) value: OrganiserValueDto;
}
export class PersonValueDto {
  @ApiProperty({ type: LinkDto }) person: LinkDto;
  @ApiProperty({ nullable: true, type: String, example: 'đồng chí' }) honorific: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Thiếu tướng' }) militaryRank: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'PGS.TS' }) academicTitle: string | null;
  @ApiProperty({ type: [String], description: 'Posts as stated in the article' }) posts: string[];
}
export class PresenterValueDto {
  @ApiPropertyOptional({ type: PersonValueDto }) person?: PersonValueDto;
  @ApiPropertyOptional({ type: LinkDto, description: 'A body presenting without a named person' })
  organisation?: LinkDto;
}
export class CitedPresenterDto extends CitedBase {
  @ApiProperty({ type: PresenterValueDto }) value: PresenterValueDto;
}
export class ItemValueDto {
  @ApiProperty({ enum: ['topic', 'report', 'opening_speech', 'directing_speech', 'concluding_speech', 'discussion'] })
  kind: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [PresenterValueDto] }) presenters: PresenterValueDto[];
  @ApiProperty({ type: [String] }) documentNumbers: string[];
}
export class CitedItemDto extends CitedBase {
  @ApiProperty({ type: ItemValueDto }) value: ItemValueDto;
}
export class DocumentValueDto {
  @ApiProperty({ type: LinkDto }) document: LinkDto;
  @ApiProperty({ nullable: true, type: String, example: '57-KL/TW' }) number: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Kết luận' }) kind: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2023-06-15' }) issuedOn: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Bộ Chính trị' }) issuer: string | null;
}
export class CitedDocumentDto extends CitedBase {
  @ApiProperty({ type: DocumentValueDto }) value: DocumentValueDto;
}
export class CountValueDto {
  @ApiProperty({
    enum: ['participant_count', 'topic_count', 'bridge_point_count', 'invited_province_count', 'delegation_count'],
  })
  field: string;
  @ApiProperty() value: number;
  @ApiProperty({
    enum: ['exact', 'more_than', 'about', 'nearly', 'up_to'],
    description: 'hơn/trên, khoảng, gần, lên tới',
  })
  qualifier: string;
  @ApiProperty({ example: 'đại biểu' }) unit: string;
  @ApiProperty({ description: 'The article gives another number for the same field (kept, not resolved)' })
  conflict: boolean;
}
export class CitedCountDto extends CitedBase {
  @ApiProperty({ type: CountValueDto }) value: CountValueDto;
}
export class InvitationValueDto {
  @ApiProperty({ enum: ['nationwide', 'regions', 'provinces'], nullable: true, type: String }) scope: string | null;
  @ApiProperty({ type: [LinkDto] }) regions: LinkDto[];
  @ApiProperty({ type: [LinkDto], description: 'Provinces named besides the invited regions' }) provinces: LinkDto[];
}
export class CitedInvitationDto extends CitedBase {
  @ApiProperty({ type: InvitationValueDto }) value: InvitationValueDto;
}
export class BridgePointValueDto {
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: Number }) count: number | null;
  @ApiProperty() abroad: boolean;
}
export class CitedBridgePointDto extends CitedBase {
  @ApiProperty({ type: BridgePointValueDto }) value: BridgePointValueDto;
}
export class DelegationValueDto {
  @ApiProperty({ type: LinkDto }) province: LinkDto;
  @ApiProperty({ type: [String] }) organisations: string[];
}
export class CitedDelegationDto extends CitedBase {
  @ApiProperty({ type: DelegationValueDto }) value: DelegationValueDto;
}
export class SameEventDto {
  @ApiProperty({ type: LinkDto }) session: LinkDto;
  @ApiProperty() score: number;
  @ApiProperty({ type: [String], description: 'Fields this report adds to the session' }) adds: string[];
  @ApiProperty({ type: [String] }) agrees: string[];
  @ApiProperty({ type: [String], description: 'Fields where this report says something else' }) conflicts: string[];
}
export class ParagraphDto {
  @ApiProperty() number: number;
  @ApiProperty() text: string;
}
export class ImportSourceDto {
  @ApiProperty({ nullable: true, type: String }) url: string | null;
  @ApiProperty({ nullable: true, type: String }) publisher: string | null;
  @ApiProperty({ nullable: true, type: String }) publishedOn: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The first paragraph' }) headline: string | null;
}

export class ImportProposalDto {
  @ApiProperty({ type: ImportSourceDto }) source: ImportSourceDto;
  @ApiProperty({ description: '0 when no event is reported; at most 0.3 when the event is not a training' })
  confidence: number;
  @ApiProperty({ description: 'A training, national conference or workshop (not a ceremony or other event)' })
  isTraining: boolean;
  @ApiProperty({ type: CitedTextDto, nullable: true }) title: CitedTextDto | null;
  @ApiProperty({
    type: CitedTextDto,
    nullable: true,
    description: 'training_conference, national_conference, workshop, award_ceremony or other',
  })
  kind: CitedTextDto | null;
  @ApiProperty({ type: CitedDateDto, nullable: true }) date: CitedDateDto | null;
  @ApiProperty({ type: CitedTextDto, nullable: true, description: 'morning, noon, afternoon, evening' })
  partOfDay: CitedTextDto | null;
  @ApiProperty({ type: CitedTextDto, nullable: true }) venue: CitedTextDto | null;
  @ApiProperty({ type: CitedLinkDto, nullable: true, description: 'The unit in force on the event date' })
  hostProvince: CitedLinkDto | null;
  @ApiProperty({ type: CitedTextDto, nullable: true, description: 'in_person, online or hybrid' })
  format: CitedTextDto | null;
  @ApiProperty({ type: [CitedOrganiserDto] }) organisers: CitedOrganiserDto[];
  @ApiProperty({ type: CitedInvitationDto, nullable: true }) invitation: CitedInvitationDto | null;
  @ApiProperty({ type: [CitedItemDto] }) items: CitedItemDto[];
  @ApiProperty({ type: [CitedPresenterDto] }) presenters: CitedPresenterDto[];
  @ApiProperty({ type: [CitedDocumentDto] }) documents: CitedDocumentDto[];
  @ApiProperty({ type: [CitedCountDto] }) counts: CitedCountDto[];
  @ApiProperty({ type: [CitedBridgePointDto] }) bridgePoints: CitedBridgePointDto[];
  @ApiProperty({ type: [CitedDelegationDto] }) delegations: CitedDelegationDto[];
  @ApiProperty({ type: SameEventDto, nullable: true, description: 'An existing session this report also describes' })
  sameEventAs: SameEventDto | null;
  @ApiProperty({ type: [ParagraphDto] }) paragraphs: ParagraphDto[];
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Paragraphs from here on (related news, navigation) were ignored',
  })
  ignoredFromParagraph: number | null;
}

export class StoredImportDto extends ImportProposalDto {
  @ApiProperty({ description: 'Id of the stored proposal: GET /imports/{id}, POST /imports/{id}/accept' }) id: number;
  @ApiProperty({ enum: ['proposed', 'accepted'] }) status: string;
  @ApiProperty({ nullable: true, type: Number, description: 'The session it was accepted as (or merged into)' })
  sessionId: number | null;
  @ApiProperty({
    enum: ['new_session', 'further_source'],
    nullable: true,
    type: String,
    description: 'How it was accepted: a new draft session, or a further source of an existing session',
  })
  acceptedAs: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) acceptedAt: string | null;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Where a list fact of the proposal is, for leaving it out on accept: `organisers/0`, `items/2`, `invitation`. */
export const EXCLUDABLE_FACTS = [
  'organisers',
  'presenters',
  'items',
  'documents',
  'counts',
  'bridgePoints',
  'delegations',
  'invitation',
] as const;

/**
 * The organiser's review of a stored proposal. Every field is optional: what is absent is taken
 * from the proposal as it was read (value and citations); a value given here replaces the
 * proposed one and is recorded as the organiser's edit (its citation kept when there was one);
 * `null` leaves an optional field empty.
 */
export class AcceptImportDto {
  @ApiPropertyOptional({ description: "The session's title; else the proposed one (one of the two is required)" })
  @Absentable()
  @TextField({ min: 5, max: 300 })
  title?: string;

  @ApiPropertyOptional({
    enum: ['training_conference', 'national_conference', 'workshop', 'award_ceremony', 'other'],
  })
  @Absentable()
  @IsIn(SESSION_KINDS)
  kind?: string;

  @ApiPropertyOptional({ example: '2025-03-08', description: 'First day (YYYY-MM-DD); with endsOn and precision' })
  @Absentable()
  @IsDateString({ strict: true })
  @Matches(ISO_DAY, { message: 'startsOn must be a date YYYY-MM-DD' })
  startsOn?: string;

  @ApiPropertyOptional({ example: '2025-03-08', description: 'Last day (YYYY-MM-DD), not before startsOn' })
  @Absentable()
  @IsDateString({ strict: true })
  @Matches(ISO_DAY, { message: 'endsOn must be a date YYYY-MM-DD' })
  endsOn?: string;

  @ApiPropertyOptional({ enum: ['day', 'month', 'year'] })
  @Absentable()
  @IsIn(DATED_PRECISIONS)
  precision?: string;

  @ApiPropertyOptional({ enum: ['morning', 'afternoon', 'evening', 'full_day'], nullable: true, type: String })
  @IsOptional()
  @IsIn(PARTS_OF_DAY)
  partOfDay?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @TextField({ min: 1, max: 300 })
  venueName?: string | null;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Catalogue id of the host province' })
  @IsOptional()
  @IdField()
  hostProvinceId?: number | null;

  @ApiPropertyOptional({ enum: ['in_person', 'online', 'hybrid'], nullable: true, type: String })
  @IsOptional()
  @IsIn(SESSION_FORMATS)
  format?: string | null;

  @ApiPropertyOptional({
    type: [String],
    example: ['presenters/1', 'counts/0', 'invitation'],
    description:
      'Proposed facts left out: `<list>/<index>` into the stored proposal (lists: ' +
      EXCLUDABLE_FACTS.filter((f) => f !== 'invitation').join(', ') +
      '), or `invitation`. An entry that names no fact of the proposal is refused (400, path `exclude.<i>`).',
  })
  @Absentable()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  exclude?: string[];

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description:
      'Add the report to this session as a further source instead of creating a draft. Absent: the proposed ' +
      'sameEventAs session when there is one, else a new draft; null: always a new draft.',
  })
  @IsOptional()
  @IdField()
  mergeIntoSessionId?: number | null;
}
