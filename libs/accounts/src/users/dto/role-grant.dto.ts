import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Role, RoleGrant, ROLES } from '../../roles';

/** One role grant in a request body. Shape rules across fields are checked by the service. */
export class RoleGrantDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Organiser or coordinator only: limit the grant to this training session',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  sessionId?: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Required for province_delegate (a current province), refused for other roles',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  provinceId?: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description:
      'Organiser only, not with sessionId: bind the grant to this organisation (e.g. a provincial Sở TT&TT). ' +
      'The organiser then runs only the sessions it organises (lead or co-organiser) and creates sessions it leads.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  organisationId?: number | null;
}

export const toRoleGrant = (dto: RoleGrantDto): RoleGrant => ({
  role: dto.role,
  sessionId: dto.sessionId ?? null,
  provinceId: dto.provinceId ?? null,
  organisationId: dto.organisationId ?? null,
});

/** A role grant in a response. */
export class RoleGrantResponse {
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: Number, nullable: true }) sessionId: number | null;
  @ApiProperty({ type: Number, nullable: true }) provinceId: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Set: an organiser bound to this organisation' })
  organisationId: number | null;
}

/** A grant as the API shows it (what the guard resolved, such as an organisation's sessions, stays inside). */
export const toRoleGrantResponse = (grant: RoleGrant): RoleGrantResponse => ({
  role: grant.role,
  sessionId: grant.sessionId,
  provinceId: grant.provinceId,
  organisationId: grant.organisationId ?? null,
});
