import { ApiProperty } from '@nestjs/swagger';
import { PageMeta } from '@app/common';
import { RoleGrantResponse } from './role-grant.dto';

/** A user as the API shows it: never the password hash, never the raw lock counters. */
export class UserResponse {
  @ApiProperty() id: number;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Set while the account is locked' })
  lockedUntil: string | null;
  @ApiProperty({ type: [RoleGrantResponse] }) roles: RoleGrantResponse[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class UserPageResponse {
  @ApiProperty({ type: [UserResponse] }) items: UserResponse[];
  @ApiProperty({ type: PageMeta }) page: PageMeta;
}
