import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from './database.health';

@ApiTags('health')
// Probes are anonymous and independent of accounts: documented as needing no credentials.
@ApiSecurity({})
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the process is up and serving HTTP' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: the database answers within 2 s' })
  @ApiServiceUnavailableResponse({ description: 'Database unreachable (problem+json)' })
  ready() {
    return this.health.check([() => this.database.ping(2000)]);
  }
}
