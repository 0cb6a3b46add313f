import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { IdPipe } from '@app/common';

/** The session and part a route names: `sessions/:id/parts/:partId`. */
export interface PartRef {
  sessionId: number;
  partId: number;
}

const ids = new IdPipe();

/**
 * `@PartOf() { sessionId, partId }` for the routes under `sessions/:id/parts/:partId`: both
 * checked as ids, the session first (the same 400 naming the parameter as `@Param(…, IdPipe)`),
 * and both documented as numeric path parameters.
 */
export const PartOf = createParamDecorator(
  (_data: unknown, context: ExecutionContext): PartRef => {
    const params = context.switchToHttp().getRequest<{ params: Record<string, string> }>().params;
    return {
      sessionId: ids.transform(params.id, { type: 'param', data: 'id' }),
      partId: ids.transform(params.partId, { type: 'param', data: 'partId' }),
    };
  },
  [
    (target: object, key?: string | symbol) => {
      const descriptor = Object.getOwnPropertyDescriptor(target, key!)!;
      ApiParam({ name: 'id', type: Number, required: true })(target, key!, descriptor);
      ApiParam({ name: 'partId', type: Number, required: true })(target, key!, descriptor);
    },
  ],
);
