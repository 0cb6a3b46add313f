import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page } from '@app/common';
import { AuditActor, AuditContext } from '../audit/audit-log.writer';
import { Authenticated } from '../auth/authenticated.decorator';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersQuery } from './dto/list-users.query';
import { toRoleGrant } from './dto/role-grant.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserPageResponse, UserResponse } from './dto/user.response';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
@Authenticated({ roles: ['admin'] })
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({ summary: 'Create a user with role grants (admin)' })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiConflictResponse({ description: 'Email already used (problem+json)' })
  create(@Body() body: CreateUserDto, @AuditContext() actor: AuditActor): Promise<UserResponse> {
    return this.users.create(
      { email: body.email, displayName: body.displayName, password: body.password, roles: body.roles.map(toRoleGrant) },
      actor,
    );
  }

  @Get()
  @ApiOperation({ summary: 'List users, oldest first (admin)' })
  @ApiOkResponse({ type: UserPageResponse })
  list(@Query() query: ListUsersQuery): Promise<Page<UserResponse>> {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user (admin)' })
  @ApiOkResponse({ type: UserResponse })
  get(@Param('id', ParseIntPipe) id: number): Promise<UserResponse> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change role grants (replaced as a whole), active flag, name or password (admin)' })
  @ApiOkResponse({ type: UserResponse })
  @ApiConflictResponse({ description: 'Would leave no active administrator (problem+json)' })
  update(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateUserDto,
    @AuditContext() actor: AuditActor,
  ): Promise<UserResponse> {
    return this.users.update(
      id,
      {
        roles: body.roles?.map(toRoleGrant),
        active: body.active,
        displayName: body.displayName,
        password: body.password,
        unlock: body.unlock,
      },
      actor,
    );
  }
}
