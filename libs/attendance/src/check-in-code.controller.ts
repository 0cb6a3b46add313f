import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import QRCode from 'qrcode';
import { Authenticated, AuthUser, CurrentUser } from '@app/accounts';
import { IdPipe } from '@app/common';
import { CheckInCodeService } from './check-in-code.service';

/** A confirmed person's check-in code, as text or as a QR image to print or show at the door. */
@ApiTags('attendance')
@Controller()
export class CheckInCodeController {
  constructor(private readonly codes: CheckInCodeService) {}

  @Get('registrations/:id/check-in-code')
  @Authenticated({ roles: ['organiser', 'coordinator', 'province_delegate'] })
  @ApiOperation({
    summary: 'The check-in code of a confirmed registration (its province delegate or the session staff)',
  })
  async code(@Param('id', IdPipe) registrationId: number, @CurrentUser() user: AuthUser) {
    return { code: await this.codeFor(registrationId, user) };
  }

  @Get('registrations/:id/qr.png')
  @Authenticated({ roles: ['organiser', 'coordinator', 'province_delegate'] })
  @ApiProduces('image/png')
  async qrPng(@Param('id', IdPipe) registrationId: number, @CurrentUser() user: AuthUser, @Res() reply: FastifyReply) {
    const code = await this.codeFor(registrationId, user);
    return reply
      .header('content-type', 'image/png')
      .header('cache-control', 'private, no-store')
      .send(await QRCode.toBuffer(code, { type: 'png', margin: 2, width: 320 }));
  }

  @Get('registrations/:id/qr.svg')
  @Authenticated({ roles: ['organiser', 'coordinator', 'province_delegate'] })
  @ApiProduces('image/svg+xml')
  async qrSvg(@Param('id', IdPipe) registrationId: number, @CurrentUser() user: AuthUser, @Res() reply: FastifyReply) {
    const code = await this.codeFor(registrationId, user);
    return reply
      .header('content-type', 'image/svg+xml; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .send(await QRCode.toString(code, { type: 'svg', margin: 2 }));
  }

  private codeFor(registrationId: number, user: AuthUser): Promise<string> {
    return this.codes.checkInCode(registrationId, user);
  }
}
