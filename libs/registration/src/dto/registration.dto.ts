import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IdField, NAME_SORTS, type NameSort, PageMeta, PageQuery, TextField, VietnamDateTime } from '@app/common';
import { GENDERS, parseGender, REGISTRATION_STATUSES } from '../registration.rules';

export class QuotaInputDto {
  @ApiProperty() @IdField() provinceId: number;
  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) @Max(100_000) quota: number;
}

export class RegistrationSettingsDto {
  @ApiProperty({ example: '2026-03-01T00:00:00+07:00', description: 'Without an offset: Việt Nam time' })
  @VietnamDateTime('start')
  @IsISO8601({ strict: true })
  opensAt: string;

  @ApiProperty({
    example: '2026-03-10T17:00:00+07:00',
    description: 'Without an offset: Việt Nam time; a date alone (2026-03-10) means the end of that day in Việt Nam',
  })
  @VietnamDateTime('end')
  @IsISO8601({ strict: true })
  closesAt: string;

  @ApiPropertyOptional({ description: 'Total places; no limit when omitted' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  capacity?: number;

  @ApiProperty({ description: 'true: organisers approve each registration; false: confirmed while places remain' })
  @IsBoolean()
  moderated: boolean;

  @ApiProperty({ type: [QuotaInputDto], description: 'Places per invited province' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => QuotaInputDto)
  quotas: QuotaInputDto[];
}

export class QuotaDto {
  @ApiProperty() provinceId: number;
  @ApiProperty() provinceName: string;
  @ApiProperty() quota: number;
  @ApiProperty() confirmed: number;
  @ApiProperty() waitlisted: number;
  @ApiProperty() pending: number;
}

export class RegistrationSettingsResponse {
  @ApiProperty() sessionId: number;
  @ApiProperty() opensAt: string;
  @ApiProperty() closesAt: string;
  @ApiPropertyOptional({ nullable: true }) capacity: number | null;
  @ApiProperty() confirmed: number;
  @ApiProperty() moderated: boolean;
  @ApiProperty({ description: 'Open now: the session takes registrations and now is inside the window' }) open: boolean;
  @ApiProperty({ type: [QuotaDto] }) quotas: QuotaDto[];
}

export class CreateRegistrationDto {
  @ApiProperty({ example: 'Nguyễn Thị Hồng Nhung' })
  @TextField({ min: 2, max: 120, compatibility: true })
  fullName: string;

  @ApiPropertyOptional({
    enum: GENDERS,
    description: 'Also accepted: Nam / Nữ / Khác (as in the template); answers always use male / female / other',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => parseGender(value))
  @IsIn(GENDERS)
  gender?: string;

  @ApiPropertyOptional({ example: 'Phó Trưởng ban' })
  @TextField({ max: 200, optional: true })
  position?: string;

  @ApiProperty({ example: 'Ban Tuyên giáo Tỉnh ủy' })
  @TextField({ min: 2, max: 200 })
  agency: string;

  @ApiPropertyOptional({ example: '0912 345 678', description: 'Phone or email is required' })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[\d\s().-]{8,20}$/, { message: 'phone must be a phone number' })
  phone?: string;

  @ApiPropertyOptional({ example: 'nhung@tuyenquang.gov.vn' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(200)
  email?: string;
}

export class UpdateRegistrationDto extends PartialType(CreateRegistrationDto) {
  @ApiProperty({ description: 'The version you read' })
  @IsInt()
  @Min(1)
  version: number;
}

export class ReasonDto {
  @ApiPropertyOptional()
  @TextField({ max: 1000, optional: true })
  reason?: string;
}

export class RequiredReasonDto {
  @ApiProperty()
  @TextField({ min: 2, max: 1000 })
  reason: string;
}

export class RegistrationListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REGISTRATION_STATUSES })
  @IsOptional()
  @IsIn(REGISTRATION_STATUSES)
  status?: string;

  @ApiPropertyOptional({ description: 'Province id (organisers); delegates always see their own province' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  province?: number;

  @ApiPropertyOptional({
    example: 'nguyen van an',
    description:
      'Words of the name, agency or post: each must begin a word there, accents ignored (nguyen an finds Nguyễn Văn An)',
  })
  @TextField({ max: 200, optional: true })
  q?: string;

  @ApiPropertyOptional({
    enum: NAME_SORTS,
    description:
      'Order within a province: given_name (default: tên, then middle names, then family name, Vietnamese alphabet) or full_name (as written)',
  })
  @IsOptional()
  @IsIn(NAME_SORTS)
  sort?: NameSort;
}

export class RegistrationDto {
  @ApiProperty() id: number;
  @ApiProperty() sessionId: number;
  @ApiProperty() provinceId: number;
  @ApiProperty() provinceName: string;
  @ApiProperty() fullName: string;
  @ApiPropertyOptional({ enum: GENDERS, nullable: true }) gender: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) position: string | null;
  @ApiProperty() agency: string;
  @ApiPropertyOptional({ type: String, nullable: true }) phone: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ enum: REGISTRATION_STATUSES }) status: string;
  @ApiPropertyOptional({ type: String, nullable: true }) statusReason: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty() version: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "Place in the province's waitlist (1 = promoted first when a place frees up); null unless waitlisted",
  })
  waitlistPosition: number | null;
}

export class RegistrationPageDto {
  @ApiProperty({ type: [RegistrationDto] }) items: RegistrationDto[];
  @ApiProperty({ type: PageMeta }) page: PageMeta;
}

export class BulkRowErrorDto {
  @ApiProperty({
    description: "The sheet's own row number as Excel shows it (the header is row 1); for CSV the line number",
  })
  row: number;
  @ApiProperty() column: string;
  @ApiProperty() message: string;
}

export class SkippedRowDto {
  @ApiProperty() row: number;
  @ApiProperty({ example: 'example row of the template' }) reason: string;
}

export class BulkResultDto {
  @ApiProperty() created: number;
  @ApiProperty({ type: [SkippedRowDto], description: "Rows not registered on purpose (the template's example rows)" })
  skippedRows: SkippedRowDto[];
  @ApiProperty({ type: [RegistrationDto] }) registrations: RegistrationDto[];
}

export class AuditEntryDto {
  @ApiProperty() at: string;
  @ApiPropertyOptional({ nullable: true }) actorUserId: number | null;
  @ApiProperty() action: string;
  @ApiPropertyOptional({ nullable: true }) before: unknown;
  @ApiPropertyOptional({ nullable: true }) after: unknown;
}
