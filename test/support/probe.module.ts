import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsEmail, IsInt, IsString, Max, MinLength } from 'class-validator';
import { DataSource } from 'typeorm';

class ProbeBody {
  @IsString() @MinLength(2) name: string;
  @IsInt() @Max(10) count: number;
  @IsEmail() email: string;
}

/** Routes that exist only in tests, to drive the error paths of the real pipeline. */
@Controller('__probe')
class ProbeController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get('boom')
  boom(): never {
    throw new Error('secret internal detail: password=hunter2 at /srv/app/x.ts:12');
  }

  @Post('echo')
  echo(@Body() body: ProbeBody) {
    return body;
  }

  @Get('sleep')
  async sleep() {
    await this.dataSource.query('SELECT pg_sleep(2)');
    return { slept: true };
  }

  @Get('backend-pids')
  async backendPids() {
    return this.dataSource.query(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
  }

  @Get('count')
  async count() {
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM schema_migrations`);
    return { n };
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
