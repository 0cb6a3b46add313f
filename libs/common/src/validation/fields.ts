import { applyDecorators } from '@nestjs/common';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { NormalisedText } from '../text/vietnamese-text';

/** Largest id a client may send (PostgreSQL integer range; bigint ids never reach it here). */
export const MAX_ID = 2_147_483_647;

/** A reference to a row by id: a positive integer. */
export const IdField = (options: { optional?: boolean } = {}) =>
  applyDecorators(...(options.optional ? [IsOptional()] : []), IsInt(), Min(1), Max(MAX_ID));

/** Human text (names, titles, reasons): NFC-normalised (NFKC with `compatibility`), trimmed, length-bounded. */
export const TextField = (options: { min?: number; max: number; optional?: boolean; compatibility?: boolean }) =>
  applyDecorators(
    ...(options.optional ? [IsOptional()] : []),
    IsString(),
    NormalisedText({ compatibility: options.compatibility }),
    ...(options.min !== undefined ? [MinLength(options.min)] : []),
    MaxLength(options.max),
  );

/**
 * Optional in the PATCH sense: the field may be left out, but a `null` sent for it is validated
 * (and refused by the type check) instead of being waved through as class-validator's
 * IsOptional does, which would reach the service as a value.
 */
export const Absentable = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
