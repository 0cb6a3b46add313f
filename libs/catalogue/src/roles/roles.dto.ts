import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDateString, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { IdField, TextField } from '@app/common';
import { CitationInputDto, CitationsField } from '../citations/citation-input.dto';

export const EVENT_ROLES = ['chair', 'guest', 'speaker', 'lecturer', 'award_recipient'] as const;

export class CreateEventRoleDto {
  @ApiProperty({
    enum: EVENT_ROLES,
    description: 'chair (chủ trì), guest (khách mời), speaker, lecturer (giảng viên), award_recipient',
  })
  @IsIn(EVENT_ROLES)
  role: (typeof EVENT_ROLES)[number];

  @ApiPropertyOptional({ description: 'A person… (exactly one of personId, organisationId)' })
  @IdField({ optional: true })
  personId?: number;

  @ApiPropertyOptional({ description: '…or an organisation' })
  @IdField({ optional: true })
  organisationId?: number;

  @ApiPropertyOptional({ description: 'How the report names them there, e.g. "Giám đốc Sở Thông tin và Truyền thông"' })
  @TextField({ max: 500, optional: true })
  statedAs?: string;

  @ApiPropertyOptional()
  @TextField({ max: 1000, optional: true })
  note?: string;

  @CitationsField()
  citations?: CitationInputDto[];
}

export class AwardRecipientInputDto {
  @ApiPropertyOptional({ description: 'Exactly one of personId, organisationId' })
  @IdField({ optional: true })
  personId?: number;

  @ApiPropertyOptional()
  @IdField({ optional: true })
  organisationId?: number;

  @ApiPropertyOptional()
  @TextField({ max: 500, optional: true })
  statedAs?: string;
}

export class CreateAwardDto {
  @ApiProperty({ example: 'Bằng khen của Chủ tịch UBND tỉnh' })
  @TextField({ min: 2, max: 500 })
  title: string;

  @ApiPropertyOptional({ description: 'The body that gives the award' })
  @IdField({ optional: true })
  conferredById?: number;

  @ApiPropertyOptional()
  @TextField({ max: 1000, optional: true })
  note?: string;

  @ApiPropertyOptional({ type: [AwardRecipientInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AwardRecipientInputDto)
  recipients?: AwardRecipientInputDto[];

  @CitationsField()
  citations?: CitationInputDto[];
}

export class CreateStatedPostDto {
  @ApiProperty({ description: 'The person the report names' })
  @IdField()
  personId: number;

  @ApiProperty({ example: 'Phó Giám đốc Sở Thông tin và Truyền thông' })
  @TextField({ min: 2, max: 300 })
  title: string;

  @ApiPropertyOptional()
  @IdField({ optional: true })
  organisationId?: number;

  @ApiPropertyOptional({ description: 'The date the report states it, when known (else the session date applies)' })
  @IsOptional()
  @IsDateString({ strict: true })
  attestedOn?: string;

  @CitationsField()
  citations?: CitationInputDto[];
}
