import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { createValidationPipe } from '@app/common';
import { AuthUser } from '../roles';
import { LoginDto } from './dto/credentials.dto';
import { LocalStrategy } from './local.strategy';
import { invalidCredentials } from './login.service';
import { authenticateWith } from './passport-authenticate';

/**
 * POST /auth/login: validates the body like every other body (unknown fields refused, 400), then
 * runs passport-local. Guards run before pipes, hence the validation here.
 */
@Injectable()
export class LocalLoginGuard implements CanActivate {
  private readonly validation = createValidationPipe();

  constructor(private readonly strategy: LocalStrategy) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<{ body: unknown; user?: AuthUser }>();
    await this.validation.transform(request.body ?? {}, { type: 'body', metatype: LoginDto });
    const outcome = await authenticateWith<AuthUser>(this.strategy, request, http.getResponse());
    if (outcome.error) throw outcome.error;
    if (!outcome.user) throw invalidCredentials();
    request.user = outcome.user;
    return true;
  }
}
