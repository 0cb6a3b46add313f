import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { IdPipe } from '@app/common';

/** A session and one of its facts a route names: `sessions/:id/<facts>/:<childParam>`. */
export interface SessionChildRef {
  sessionId: number;
  childId: number;
}

const ids = new IdPipe();

const readSessionChild = createParamDecorator((childParam: string, context: ExecutionContext): SessionChildRef => {
  const params = context.switchToHttp().getRequest<{ params: Record<string, string> }>().params;
  return {
    sessionId: ids.transform(params.id, { type: 'param', data: 'id' }),
    childId: ids.transform(params[childParam], { type: 'param', data: childParam }),
  };
});

/**
 * `@SessionChild('claimId') { sessionId, childId }` for the routes under
 * `sessions/:id/<facts>/:claimId` (claims, delegations, roles, awards, stated posts): both checked as
 * ids, the session first (the same 400 naming the parameter as `@Param(…, IdPipe)`), and both
 * documented as numeric path parameters, so each route does not repeat the two `@Param`s.
 */
export function SessionChild(childParam: string): ParameterDecorator {
  return (target, key, index) => {
    readSessionChild(childParam)(target, key, index);
    const descriptor = Object.getOwnPropertyDescriptor(target, key!)!;
    ApiParam({ name: 'id', type: Number, required: true })(target, key!, descriptor);
    ApiParam({ name: childParam, type: Number, required: true })(target, key!, descriptor);
  };
}
