import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../passwords/password-hasher';
import { AcceptablePassword } from '../../passwords/password-policy';

export class LoginDto {
  @ApiProperty({ example: 'admin@localhost' })
  @IsString()
  @MinLength(3)
  @MaxLength(254)
  email: string;

  @ApiProperty({ writeOnly: true })
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

/** 32 random bytes, base64url: 43 characters. */
const REFRESH_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export class RefreshTokenDto {
  @ApiPropertyOptional({
    description: 'The refresh token of the last login or refresh; a browser omits it and sends the refresh cookie',
  })
  @IsOptional()
  @IsString()
  @Matches(REFRESH_TOKEN_PATTERN, { message: 'refreshToken is not a refresh token' })
  refreshToken?: string;
}

export class ChangePasswordDto {
  @ApiProperty({ writeOnly: true })
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @ApiProperty({ writeOnly: true, minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  @AcceptablePassword()
  newPassword: string;
}
