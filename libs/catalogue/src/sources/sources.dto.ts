import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsDateString, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import { PageMeta, TextField } from '@app/common';
import { SOURCE_KEY } from '../citations/citation-input.dto';

export class CreateSourceDto {
  @ApiPropertyOptional({ example: 'baotq-2019-11', description: 'Short key citations use; derived when omitted' })
  @IsOptional()
  @Matches(SOURCE_KEY, { message: 'key must be letters, digits, - or _ (at most 40)' })
  key?: string;

  @ApiProperty({ example: 'Tập huấn công tác thông tin đối ngoại năm 2019' })
  @TextField({ min: 2, max: 500 })
  title: string;

  @ApiPropertyOptional({ example: 'Báo Tuyên Quang' })
  @TextField({ max: 300, optional: true })
  publisher?: string;

  @ApiPropertyOptional()
  @TextField({ max: 300, optional: true })
  author?: string;

  @ApiPropertyOptional({ example: 'https://baotuyenquang.com.vn/tap-huan-ttdn.html' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'url must be an http(s) address' })
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ example: '2019-11-12', description: 'The date the page carries' })
  @IsOptional()
  @IsDateString({ strict: true })
  publishedOn?: string;

  @ApiPropertyOptional({ example: 'vi', default: 'vi' })
  @IsOptional()
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, { message: 'language must be a language tag such as vi or en' })
  language?: string;

  @ApiPropertyOptional()
  @TextField({ max: 2000, optional: true })
  note?: string;

  @ApiPropertyOptional({
    description:
      'The text, so citations can be checked: split into paragraphs by the seed rule (every non-blank line, ' +
      'a line of only no-break spaces is blank). Send this or `paragraphs`.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(512 * 1024)
  text?: string;

  @ApiPropertyOptional({ type: [String], description: 'The text already split, paragraph 1 first' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @IsString({ each: true })
  @MaxLength(20000, { each: true })
  paragraphs?: string[];
}

export class UpdateSourceDto extends PartialType(CreateSourceDto) {}

export class SourceDto {
  @ApiProperty({ example: '000' }) key: string;
  @ApiPropertyOptional({ type: String, nullable: true }) publisher: string | null;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ type: String, nullable: true }) publishedOn: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) author: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) url: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ example: 'vi' }) language: string;
  @ApiProperty({ description: 'Its text is on file, so quotes are checked' }) hasText: boolean;
  @ApiProperty({ description: 'How many facts cite it (retired citations not counted)' }) citationCount: number;
  @ApiProperty({ type: [String], description: 'Slugs of the sessions it reports' }) sessions: string[];
}

export class SourcePageDto {
  @ApiProperty({ type: [SourceDto] }) items: SourceDto[];
  @ApiProperty({ type: PageMeta }) page: PageMeta;
}

export class SourceCitationDto {
  @ApiProperty({ example: 'session_delegation' }) subjectType: string;
  @ApiProperty() subjectId: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The session the fact belongs to' })
  sessionSlug: string | null;
  @ApiProperty() paragraph: number;
  @ApiPropertyOptional({ type: String, nullable: true }) quote: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) aspect: string | null;
  @ApiProperty({ description: 'The cited value was changed since; kept for the record' }) retired: boolean;
}

export class SourceDetailDto extends SourceDto {
  @ApiPropertyOptional({ type: [String], nullable: true, description: 'Paragraph n is paragraphs[n-1]' })
  paragraphs: string[] | null;
  @ApiProperty({ type: [SourceCitationDto] }) citations: SourceCitationDto[];
}
