import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { TextField } from '@app/common';
import { CitationInputDto, CitationsField } from '../citations/citation-input.dto';
import { CLAIM_QUALIFIERS } from './claim-conflict';

export class CreateClaimDto {
  @ApiProperty({
    example: 'delegate_count',
    description:
      'What is counted, in snake_case: delegate_count, invited_province_count, bridge_point_count, trainee_count, sessions_in_year, …',
  })
  @Matches(/^[a-z][a-z0-9_]{1,59}$/, { message: 'field must be a snake_case name such as delegate_count' })
  field: string;

  @ApiProperty({ example: 150 })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  value: number;

  @ApiPropertyOptional({
    enum: CLAIM_QUALIFIERS,
    default: 'exact',
    description: '"hơn 150" is at_least, "khoảng 200" about',
  })
  @IsOptional()
  @IsIn(CLAIM_QUALIFIERS)
  qualifier?: (typeof CLAIM_QUALIFIERS)[number];

  @ApiPropertyOptional({ example: 'đại biểu dự tại điểm cầu chính' })
  @TextField({ max: 1000, optional: true })
  note?: string;

  @CitationsField()
  citations?: CitationInputDto[];
}

export class UpdateClaimDto extends PartialType(CreateClaimDto) {}
