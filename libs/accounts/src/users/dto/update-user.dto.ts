import { Absentable, NormalisedText } from '@app/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../passwords/password-hasher';
import { AcceptablePassword } from '../../passwords/password-policy';
import { RoleGrantDto } from './role-grant.dto';

/** Every field optional; what is sent is changed. `roles` replaces the whole set of grants. */
export class UpdateUserDto {
  @ApiPropertyOptional({ type: [RoleGrantDto], description: 'Replaces every grant of the user' })
  @Absentable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RoleGrantDto)
  roles?: RoleGrantDto[];

  @ApiPropertyOptional({ description: 'false disables the account: logins refused, refresh tokens revoked' })
  @Absentable()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ maxLength: 200 })
  @Absentable()
  @NormalisedText()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({
    description: 'true lifts an account lock and forgets the failed attempts of every address',
  })
  @Absentable()
  @IsBoolean()
  unlock?: boolean;

  @ApiPropertyOptional({
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    writeOnly: true,
    description: 'Password reset: clears a lock and revokes every refresh token of the user',
  })
  @Absentable()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  @AcceptablePassword()
  password?: string;
}
