import { Logger } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import Redis from 'ioredis';
import type { AppConfig } from '@app/common';

/** Prefix of the rate-limit keys in Redis (one key per address and bucket, expiring with its window). */
export const rateLimitNamespace = (config: AppConfig) => `${config.REDIS_KEY_PREFIX}rate-limit:`;

/**
 * The Redis connection @fastify/rate-limit keeps its counters in when REDIS_URL is set, so that
 * every API process counts the same requests; undefined without REDIS_URL (in memory, per
 * process). Short timeouts and no offline queue: a request never waits on an unreachable Redis,
 * it is let through (`skipOnError`) and the outage is logged, once per minute at most.
 */
export async function rateLimitRedis(config: AppConfig, fastify: FastifyInstance): Promise<Redis | undefined> {
  if (!config.REDIS_URL) return undefined;
  const logger = new Logger('RateLimit');
  const redis = new Redis(config.REDIS_URL, {
    connectTimeout: 1_000,
    commandTimeout: 1_000,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    // Reconnect with back-off up to 5 s, for as long as the process lives.
    retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
  });
  let lastWarning = 0;
  redis.on('error', (error: Error) => {
    if (Date.now() - lastWarning < 60_000) return;
    lastWarning = Date.now();
    logger.warn(`Redis at REDIS_URL unreachable (${error.message}): rate limits are not enforced until it answers`);
  });
  fastify.addHook('onClose', async () => {
    await redis.quit().catch(() => redis.disconnect());
  });
  // Connected before the first request is counted (without an offline queue, a command sent
  // while connecting would fail and that request go uncounted); a Redis that does not answer
  // within the connect timeout delays the start no longer.
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 1_500);
    const settle = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once('ready', settle);
    redis.once('error', settle);
  });
  return redis;
}
