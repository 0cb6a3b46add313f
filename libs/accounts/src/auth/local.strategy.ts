import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-local';
import { AuthUser } from '../roles';
import { LoginService } from './login.service';

/** Email + password from the JSON body (passport-local), checked by LoginService. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'ttdn-local') {
  constructor(private readonly login: LoginService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true, session: false });
  }

  validate(request: FastifyRequest, email: string, password: string): Promise<AuthUser> {
    return this.login.authenticate(email, password, request.ip);
  }
}
