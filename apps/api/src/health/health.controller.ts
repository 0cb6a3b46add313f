import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ProblemException } from '@app/common';
import { ApiOperation, ApiSecurity, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from './database.health';
import { EmbeddedDatabaseState } from './embedded-database.state';

@ApiTags('health')
// Probes are anonymous and independent of accounts: documented as needing no credentials.
@ApiSecurity({})
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly embedded: EmbeddedDatabaseState,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Liveness: the process is up and serving HTTP, and its embedded database (if any) is not beyond repair',
  })
  @ApiServiceUnavailableResponse({
    description: 'The embedded PostgreSQL died and could not be restarted: restart the process',
  })
  live() {
    // While the supervisor restarts the server the process is still alive (readiness says not ready);
    // once it has given up, only a restart of the process can help, which is what liveness is for.
    if (this.embedded.state() === 'failed') {
      throw new ProblemException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'embedded-database-failed',
        'The embedded PostgreSQL server died and could not be restarted; restart the API.',
      );
    }
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
