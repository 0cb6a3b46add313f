import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { CreateRegistrationDto } from '@app/registration';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { FieldError, IdField, NAME_SORTS, type NameSort, TextField, VietnamDateTime } from '@app/common';

const LOCAL_TIME_NOTE = 'Without an offset the time is Việt Nam time (Asia/Ho_Chi_Minh)';

export class CreatePartDto {
  @ApiProperty({ example: 'Sáng 15/4' })
  @TextField({ min: 1, max: 120 })
  label: string;

  @ApiProperty({ example: '2026-04-15T08:00:00+07:00', description: LOCAL_TIME_NOTE })
  @VietnamDateTime('start')
  @IsISO8601({ strict: true }, { message: 'startsAt must be a date-time like 2026-04-15T08:00 (Việt Nam time)' })
  startsAt: string;

  @ApiProperty({ example: '2026-04-15T11:30:00+07:00', description: LOCAL_TIME_NOTE })
  @VietnamDateTime('end')
  @IsISO8601({ strict: true }, { message: 'endsAt must be a date-time like 2026-04-15T11:30 (Việt Nam time)' })
  endsAt: string;
}

/** A part's label and times can be corrected; omitted fields stay as they are. */
export class UpdatePartDto extends PartialType(CreatePartDto) {}

export class PartDto {
  @ApiProperty() id: number;
  @ApiProperty() sessionId: number;
  @ApiProperty() position: number;
  @ApiProperty() label: string;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
}

export class ScanDto {
  @ApiPropertyOptional({ description: 'The check-in code from the QR (exactly one of code, registrationId)' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{8,64}$/, { message: 'code must be a check-in code' })
  code?: string;

  @ApiPropertyOptional()
  @IdField({ optional: true })
  registrationId?: number;

  @ApiPropertyOptional({ description: 'Chosen by the scanner; a retry with the same nonce gets the first answer' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_.:-]{1,80}$/, { message: 'nonce must be 1-80 letters, digits or _.:-' })
  nonce?: string;

  @ApiPropertyOptional({
    description: 'When the scan happened on the device (offline scans); without an offset: Việt Nam time',
  })
  @IsOptional()
  @VietnamDateTime('start')
  @IsISO8601({ strict: true })
  scannedAt?: string;

  @ApiPropertyOptional({ description: 'The bridge point (điểm cầu) where the person attends' })
  @IdField({ optional: true })
  bridgePointId?: number;
}

export class BatchScanDto {
  /**
   * Validated item by item by the service, not here: one malformed scan from a device that was
   * offline for hours must not throw away the good ones (each bad item is answered in its place).
   */
  @ApiProperty({
    type: [ScanDto],
    description: 'Each item is validated on its own; a bad item is answered as an error',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  items: unknown[];
}

export class PersonRefDto {
  @ApiProperty() registrationId: number;
  @ApiProperty() fullName: string;
  @ApiProperty() provinceName: string;
  @ApiProperty() agency: string;
}

export class ScanAnswerDto {
  @ApiProperty({ enum: ['checked_in', 'already'] }) outcome: 'checked_in' | 'already';
  @ApiProperty() attendanceId: number;
  @ApiProperty() checkedInAt: string;
  @ApiProperty({ description: 'Local time (Asia/Ho_Chi_Minh) for the scanner screen', example: '08:05' })
  checkedInAtLocal: string;
  @ApiProperty({ example: 'already checked in at 08:05' }) message: string;
  @ApiProperty({ type: PersonRefDto }) person: PersonRefDto;
}

export class BatchItemResultDto {
  @ApiProperty() index: number;
  @ApiProperty({ enum: ['ok', 'already', 'error'] }) result: 'ok' | 'already' | 'error';
  @ApiPropertyOptional({ nullable: true, description: 'Why an item was refused (e.g. unknown_code, invalid)' })
  reason: string | null;
  @ApiPropertyOptional({ description: 'Field errors of an invalid item (paths as items.<index>.<field>)' })
  errors?: FieldError[];
  @ApiPropertyOptional({ type: ScanAnswerDto, nullable: true }) answer: ScanAnswerDto | null;
}

export class BatchAnswerDto {
  @ApiProperty({ type: [BatchItemResultDto] }) items: BatchItemResultDto[];
}

/** A walk-in gives the same personal fields a delegate gives when registering, plus the province. */
export class WalkInDto extends PickType(CreateRegistrationDto, ['fullName', 'agency', 'position', 'phone'] as const) {
  @ApiPropertyOptional()
  @IdField({ optional: true })
  provinceId?: number;
}

export class AbsenceDto {
  @ApiProperty()
  @IdField()
  registrationId: number;

  @ApiProperty({ enum: ['absent', 'excused'] })
  @IsIn(['absent', 'excused'])
  kind: 'absent' | 'excused';

  @ApiProperty()
  @TextField({ min: 2, max: 1000 })
  reason: string;
}

export class UndoDto {
  @ApiProperty()
  @TextField({ min: 2, max: 1000 })
  reason: string;
}

export class HeadcountDto {
  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  headcount: number;
}

export class AttendanceRecordDto {
  @ApiProperty() id: number;
  @ApiProperty() partId: number;
  @ApiPropertyOptional({ nullable: true }) registrationId: number | null;
  @ApiPropertyOptional({ nullable: true }) walkInId: number | null;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: ['present', 'absent', 'excused'] }) status: string;
  @ApiProperty() method: string;
  @ApiPropertyOptional({ nullable: true }) checkedInAt: string | null;
  @ApiPropertyOptional({ nullable: true }) checkedOutAt: string | null;
  @ApiPropertyOptional({ nullable: true }) reason: string | null;
  @ApiPropertyOptional({ nullable: true }) undoneAt: string | null;
  @ApiPropertyOptional({ nullable: true }) undoReason: string | null;
}

export class FailedScanDto {
  @ApiProperty({ description: 'The first characters of the presented code: enough to recognise, not to reuse' })
  presented: string;
  @ApiProperty({ example: 'unknown_code' }) reason: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: "The device's time of an offline scan" })
  scannedAt: string | null;
  @ApiProperty() recordedAt: string;
}

export class PartAttendanceDto {
  @ApiProperty({ type: [AttendanceRecordDto] }) records: AttendanceRecordDto[];
  @ApiProperty({ type: [FailedScanDto] }) failedScans: FailedScanDto[];
}

export class ExportQuery {
  @ApiPropertyOptional({ description: 'Only this part' })
  @IsOptional()
  @Type(() => Number)
  @IdField()
  part?: number;

  @ApiPropertyOptional({ description: 'Only this province' })
  @IsOptional()
  @Type(() => Number)
  @IdField()
  province?: number;

  @ApiPropertyOptional({ enum: ['present', 'absent', 'excused', 'not_recorded'] })
  @IsOptional()
  @IsIn(['present', 'absent', 'excused', 'not_recorded'])
  status?: string;

  @ApiPropertyOptional({
    enum: NAME_SORTS,
    description:
      'Order within a province: given_name (default: tên, then middle names, then family name, Vietnamese alphabet) or full_name (as written)',
  })
  @IsOptional()
  @IsIn(NAME_SORTS)
  sort?: NameSort;
}
