import { Body, Controller, Get, HttpCode, HttpStatus, Ip, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthUser, delegateProvinceId } from '../roles';
import { UsersService } from '../users/users.service';
import { Authenticated, CurrentUser } from './authenticated.decorator';
import { ChangePasswordDto, LoginDto, RefreshTokenDto } from './dto/credentials.dto';
import { MeResponse } from './dto/me.response';
import { TokenPairResponse } from './dto/token-pair.response';
import { LocalLoginGuard } from './local-login.guard';
import { LoginService } from './login.service';
import { TokenService } from './token.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly tokens: TokenService,
    private readonly login: LoginService,
    private readonly users: UsersService,
  ) {}

  @Post('login')
  @HttpCode(HttpStatus.OK)
  @UseGuards(LocalLoginGuard)
  @ApiOperation({
    summary: 'Log in with email and password',
    description:
      'No authentication (the body is the credential). Wrong email, wrong password, locked or disabled ' +
      'account: the same 401. After 5 failures from one address, further attempts from it wait longer ' +
      'each time; failures from many addresses lock the account for 15 minutes (an admin can unlock it); ' +
      'too many failures from one address answer 429.',
  })
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: TokenPairResponse })
  @ApiBadRequestResponse({ description: 'Malformed body (problem+json)' })
  @ApiUnauthorizedResponse({ description: 'Refused login (problem+json)' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed logins from this address (problem+json)' })
  signIn(@CurrentUser() user: AuthUser): Promise<TokenPairResponse> {
    return this.tokens.issue(user);
  }

  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new pair (rotation)',
    description:
      'No authentication (the body is the credential). Each refresh token works once; presenting a used ' +
      'one again revokes every token descended from the same login.',
  })
  @ApiOkResponse({ type: TokenPairResponse })
  @ApiUnauthorizedResponse({ description: 'Invalid, expired, revoked or reused refresh token (problem+json)' })
  refresh(@Body() body: RefreshTokenDto): Promise<TokenPairResponse> {
    return this.tokens.rotate(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Log out: revoke the refresh token and every token of the same login',
    description: 'No authentication (the body is the credential). Answers 204 for unknown tokens too.',
  })
  @ApiNoContentResponse()
  async logout(@Body() body: RefreshTokenDto): Promise<void> {
    await this.tokens.revokeFamilyOf(body.refreshToken);
  }

  @Get('me')
  @Authenticated()
  @ApiOperation({ summary: 'The signed-in user with their role grants' })
  @ApiOkResponse({ type: MeResponse })
  async me(@CurrentUser() user: AuthUser): Promise<MeResponse> {
    const { displayName } = await this.users.get(user.id);
    return { id: user.id, email: user.email, displayName, roles: user.roles, provinceId: delegateProvinceId(user) };
  }

  @Post('password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Authenticated()
  @ApiOperation({ summary: 'Change my password (ends every refresh token of my account)' })
  @ApiNoContentResponse()
  async changePassword(
    @CurrentUser() user: AuthUser,
    @Body() body: ChangePasswordDto,
    @Ip() address: string,
  ): Promise<void> {
    await this.login.changePassword(user, body.currentPassword, body.newPassword, address);
  }
}
