import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IdField, TextField } from '@app/common';
import { CitationInputDto, CitationsField } from '../citations/citation-input.dto';

export class CreateDelegationDto {
  @ApiProperty({ description: 'The province that sent the delegation (the unit of the session date)' })
  @IdField()
  provinceId: number;

  @ApiPropertyOptional({
    description: 'The agency (its UBND office, newspaper, a Sở…); leave out for the province delegation as a whole',
  })
  @IdField({ optional: true })
  organisationId?: number;

  @ApiPropertyOptional({ example: 5, description: 'How many people, when the source says' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  headcount?: number;

  @ApiPropertyOptional()
  @TextField({ max: 1000, optional: true })
  note?: string;

  @CitationsField()
  citations?: CitationInputDto[];
}

export class UpdateDelegationDto {
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null when the source gives no number' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  headcount?: number | null;

  @ApiPropertyOptional()
  @TextField({ max: 1000, optional: true })
  note?: string;

  @CitationsField()
  citations?: CitationInputDto[];
}
