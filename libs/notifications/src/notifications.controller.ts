import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, AuthUser, CurrentUser } from '@app/accounts';
import { IdPipe, Page } from '@app/common';
import {
  MessageDto,
  MessageListQuery,
  MessagePageDto,
  PreferencesDto,
  PreferencesResponse,
} from './dto/notification.dto';
import { NotificationAdmin } from './notification-admin.service';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly admin: NotificationAdmin) {}

  @Get('messages')
  @Authenticated({ roles: ['admin'] })
  @ApiOperation({
    summary:
      'E-mail messages by state (queued, sending, sent, failed, dead, unconfirmed), newest first, with the last error',
  })
  @ApiOkResponse({ type: MessagePageDto })
  list(@Query() query: MessageListQuery): Promise<Page<MessageDto>> {
    return this.admin.list(query);
  }

  @Post('messages/:id/retry')
  @HttpCode(200)
  @Authenticated({ roles: ['admin'] })
  @ApiOperation({ summary: 'Queue a dead (or unconfirmed) message again, with a fresh count of attempts' })
  @ApiOkResponse({ type: MessageDto })
  @ApiNotFoundResponse({ description: 'No such message (problem+json)' })
  @ApiConflictResponse({ description: 'The message is not dead or unconfirmed (problem+json)' })
  retry(@Param('id', IdPipe) id: number): Promise<MessageDto> {
    return this.admin.retry(id);
  }

  @Get('preferences')
  @Authenticated()
  @ApiOperation({ summary: 'The categories of e-mail the signed-in user turned off' })
  @ApiOkResponse({ type: PreferencesResponse })
  preferences(@CurrentUser() user: AuthUser): Promise<PreferencesResponse> {
    return this.admin.preferences(user.id);
  }

  @Put('preferences')
  @Authenticated()
  @ApiOperation({ summary: 'Turn categories of e-mail off (listed) or back on (left out)' })
  @ApiOkResponse({ type: PreferencesResponse })
  setPreferences(@Body() body: PreferencesDto, @CurrentUser() user: AuthUser): Promise<PreferencesResponse> {
    return this.admin.setPreferences(user.id, body.disabled);
  }
}
