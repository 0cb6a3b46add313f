import { ApiProperty } from '@nestjs/swagger';
import { RoleGrantResponse } from '../../users/dto/role-grant.dto';

export class MeResponse {
  @ApiProperty() id: number;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: [RoleGrantResponse] }) roles: RoleGrantResponse[];
  @ApiProperty({ type: Number, nullable: true, description: 'The province of a province delegate' })
  provinceId: number | null;
}
