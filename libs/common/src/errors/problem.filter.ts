import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { preferredLanguage } from '../i18n/language';
import { localiseProblem } from '../i18n/localise';
import { PROBLEM_CONTENT_TYPE, ProblemException } from './problem';
import { mapErrorToProblem } from './problem-mapper';

/** Turns every exception that reaches Nest into application/problem+json. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
  }
}

/**
 * Writes the problem+json answer. `instance` is the request's URL, except where the URL itself
 * is what was wrong (`echoUrl: false`): a malformed or oversized URL is not sent back.
 */
export function sendProblem(
  exception: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  logger: Logger,
  { echoUrl = true }: { echoUrl?: boolean } = {},
): void {
  const { status, body: raised, unexpected } = mapErrorToProblem(exception);
  const language = preferredLanguage(request.headers['accept-language']);
  let body = raised;
  try {
    body = localiseProblem(raised, language, exception instanceof ProblemException ? exception.params : {});
  } catch (error) {
    // A faulty message template must never cost the client its answer: send the English problem.
    logger.error({ err: error }, `could not word problem ${raised.type} in ${language}`);
  }
  const requestId = String(request.id);
  if (unexpected) {
    logger.error(
      { requestId, method: request.method, url: request.url, err: exception },
      `request ${requestId} failed with ${status}`,
    );
  }
  if (reply.sent) return;
  void reply
    .status(status)
    .header('content-type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`)
    .header('cache-control', 'no-store')
    .header('content-language', body === raised ? 'en' : language)
    .header('vary', 'Accept-Language')
    .send(echoUrl ? { ...body, instance: request.url, requestId } : { ...body, requestId });
}
