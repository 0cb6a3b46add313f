import { ApiProperty } from '@nestjs/swagger';

/** A slug the organiser chooses: lower-case words joined by hyphens. */
export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The answer to creating a person, organisation, document or post. */
export class CreatedDto {
  @ApiProperty() id: number;
  @ApiProperty() slug: string;
}
