import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageMeta, PageQuery } from '@app/common';
import { MESSAGE_STATES, OPTIONAL_CATEGORIES } from '../notification.types';

export class MessageListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: MESSAGE_STATES })
  @IsOptional()
  @IsIn(MESSAGE_STATES)
  state?: (typeof MESSAGE_STATES)[number];

  @ApiPropertyOptional({ description: 'Only messages about this session' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  session?: number;
}

export class MessageDto {
  @ApiProperty() id: number;
  @ApiProperty({ description: 'What event for which recipient; never stored twice' }) idempotencyKey: string;
  @ApiProperty() category: string;
  @ApiProperty() template: string;
  @ApiProperty() recipient: string;
  @ApiProperty({ nullable: true, type: Number }) sessionId: number | null;
  @ApiProperty({ enum: MESSAGE_STATES }) state: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ description: 'RFC 5322 Message-ID, fixed when the message was queued' }) messageId: string;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) sentAt: string | null;
}

export class MessagePageDto {
  @ApiProperty({ type: [MessageDto] }) items: MessageDto[];
  @ApiProperty() page: PageMeta;
}

export class PreferencesDto {
  @ApiProperty({
    enum: OPTIONAL_CATEGORIES,
    isArray: true,
    description: 'Categories of e-mail the user turned off (mail about a person’s own registration cannot be)',
  })
  @IsArray()
  @ArrayMaxSize(OPTIONAL_CATEGORIES.length)
  @IsIn(OPTIONAL_CATEGORIES, { each: true })
  disabled: (typeof OPTIONAL_CATEGORIES)[number][];
}

export class PreferencesResponse extends PreferencesDto {
  @ApiProperty({ enum: OPTIONAL_CATEGORIES, isArray: true, description: 'Every category a user may turn off' })
  categories: string[];
}
