import { Body, Controller, Get, HttpCode, HttpStatus, Ip, Post, Req, Res, UseGuards } from '@nestjs/common';
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
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, ProblemException } from '@app/common';
import { AuthUser, delegateProvinceId } from '../roles';
import { UsersService } from '../users/users.service';
import { toRoleGrantResponse } from '../users/dto/role-grant.dto';
import { Authenticated, CurrentUser } from './authenticated.decorator';
import { ChangePasswordDto, LoginDto, RefreshTokenDto } from './dto/credentials.dto';
import { MeResponse } from './dto/me.response';
import { TokenPairResponse } from './dto/token-pair.response';
import { LocalLoginGuard } from './local-login.guard';
import { LoginService } from './login.service';
import { clearRefreshCookie, refreshTokenFromCookie, setRefreshCookie } from './refresh-cookie';
import { TokenService } from './token.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly tokens: TokenService,
    private readonly login: LoginService,
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  /** The pair as JSON (API clients), its refresh token also as the browser's httpOnly cookie. */
  private withCookie(reply: FastifyReply, pair: TokenPairResponse): TokenPairResponse {
    setRefreshCookie(reply, pair.refreshToken, pair.refreshTokenExpiresAt, this.config.NODE_ENV === 'production');
    return pair;
  }

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
  async signIn(
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenPairResponse> {
    return this.withCookie(reply, await this.tokens.issue(user));
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
  async refresh(
    @Body() body: RefreshTokenDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenPairResponse> {
    const presented = body.refreshToken ?? refreshTokenFromCookie(request);
    if (!presented) {
      throw new ProblemException(HttpStatus.UNAUTHORIZED, 'invalid-refresh-token', 'No refresh token; log in again.');
    }
    return this.withCookie(reply, await this.tokens.rotate(presented));
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Log out: revoke the refresh token and every token of the same login',
    description:
      'No authentication (the body or the refresh cookie is the credential). Answers 204 for unknown ' +
      'tokens too, and clears the refresh cookie.',
  })
  @ApiNoContentResponse()
  async logout(
    @Body() body: RefreshTokenDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const presented = body.refreshToken ?? refreshTokenFromCookie(request);
    if (presented) await this.tokens.revokeFamilyOf(presented);
    clearRefreshCookie(reply, this.config.NODE_ENV === 'production');
  }

  @Get('me')
  @Authenticated()
  @ApiOperation({ summary: 'The signed-in user with their role grants' })
  @ApiOkResponse({ type: MeResponse })
  async me(@CurrentUser() user: AuthUser): Promise<MeResponse> {
    const { displayName } = await this.users.get(user.id);
    return {
      id: user.id,
      email: user.email,
      displayName,
      roles: user.roles.map(toRoleGrantResponse),
      provinceId: delegateProvinceId(user),
    };
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
