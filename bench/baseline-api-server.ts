import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Pool, PoolClient } from 'pg';
// By path: bench is compiled by plain tsc, which does not rewrite the @app aliases; the baseline
// must run exactly the SQL the API runs.
// eslint-disable-next-line no-restricted-imports
import { AUTH_USER_SQL } from '../libs/accounts/src/users/auth-user.sql';
// eslint-disable-next-line no-restricted-imports
import { CHECK_IN_BY_CODE_SQL } from '../libs/attendance/src/check-in.sql';
// eslint-disable-next-line no-restricted-imports
import {
  INSERT_UNLESS_SAME_PERSON_SQL,
  PLACE_OR_WAITLIST_SQL,
  REGISTRATION_CONTEXT_SQL,
  RELEASE_QUOTA_PLACE_SQL,
} from '../libs/registration/src/registration.sql';

/**
 * The like-for-like baseline of figures 2 and 3: node:http + pg, no framework, doing per request
 * what the API does for the same request: verify the HS256 bearer token (node:crypto HMAC, same
 * secret, issuer, audience and expiry rules), read the user and grants with the statement the
 * JWT strategy runs, parse the JSON body, check the grant, then run the use case's statements:
 * - POST /sessions/:id/parts/:partId/check-ins {code}: CheckInService's one-statement fast path;
 * - POST /sessions/:id/registrations {fullName, agency, phone}: the transaction of
 *   RegistrationService.registerMany (window and invitation; duplicate and insert; quota,
 *   capacity and status; audit; the answer's row), its statements imported from the API's;
 *   the mail outbox statements are left out.
 * Started as its own process so that it, like the API, has an event loop to itself.
 */

const secret = Buffer.from(process.env.JWT_SECRET ?? '', 'utf8');
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 20) });

interface Grant {
  role: string;
  sessionId: number | null;
  provinceId: number | null;
}
interface User {
  id: number;
  grants: Grant[];
}

function claimsOf(authorization: string | undefined): { sub: string; gen: number } | null {
  if (!authorization?.startsWith('Bearer ')) return null;
  const [header, payload, signature] = authorization.slice(7).split('.');
  if (!header || !payload || !signature) return null;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string };
  if (head.alg !== 'HS256') return null;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
    sub: string;
    gen: number;
    iss?: string;
    aud?: string;
    exp?: number;
    iat?: number;
  };
  const now = Date.now() / 1000;
  if (claims.iss !== 'ttdn-api' || claims.aud !== 'ttdn-api') return null;
  if (!Number.isSafeInteger(claims.exp) || !Number.isSafeInteger(claims.iat) || claims.exp! <= now) return null;
  if (claims.exp! - claims.iat! > 15 * 60) return null;
  return claims;
}

async function authenticate(req: IncomingMessage): Promise<User | null> {
  const claims = claimsOf(req.headers.authorization);
  if (!claims) return null;
  const { rows } = await pool.query<{ id: string; token_generation: number; grants: Grant[] }>(AUTH_USER_SQL, [
    Number(claims.sub),
  ]);
  if (rows.length === 0 || rows[0].token_generation !== claims.gen) return null;
  return { id: Number(rows[0].id), grants: rows[0].grants };
}

const holds = (user: User, roles: string[], sessionId: number) =>
  user.grants.find(
    (grant) => (grant.role === 'admin' || roles.includes(grant.role)) && (grant.sessionId ?? sessionId) === sessionId,
  );

function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    req.on('error', reject);
  });
}

const send = (res: ServerResponse, status: number, value: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));

async function checkIn(res: ServerResponse, user: User, sessionId: number, partId: number, code: string) {
  if (!holds(user, ['organiser', 'coordinator'], sessionId)) return send(res, 403, { detail: 'forbidden' });
  const { rows } = await pool.query<{
    part_id: string | null;
    part_open: boolean | null;
    target: { id: string; full_name: string } | null;
    attendance_id: string | null;
    checked_in_at: Date | null;
  }>(CHECK_IN_BY_CODE_SQL, [sessionId, partId, code, user.id, randomBytes(8).toString('hex'), 120, 120]);
  const row = rows[0];
  if (row.part_id === null) return send(res, 404, { detail: 'no such part' });
  if (row.attendance_id === null) return send(res, 200, { outcome: 'already', target: row.target });
  return send(res, 201, {
    outcome: 'checked_in',
    attendanceId: Number(row.attendance_id),
    checkedInAt: row.checked_in_at,
    registration: row.target,
  });
}

const fold = (value: string) =>
  value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .trim();

/** RegistrationService.registerMany for one person, statement by statement. */
async function register(res: ServerResponse, user: User, sessionId: number, input: Record<string, unknown>) {
  const grant = user.grants.find((g) => g.role === 'province_delegate');
  if (!grant?.provinceId) return send(res, 403, { detail: 'Registrations are made by the province delegates.' });
  const provinceId = grant.provinceId;
  const fullName = String(input.fullName);
  const phone = String(input.phone);
  const connection: PoolClient = await pool.connect();
  try {
    await connection.query('BEGIN');
    const context = await connection.query<{
      session_status: string;
      opens_at: Date | null;
      closes_at: Date | null;
      invited: boolean;
    }>(REGISTRATION_CONTEXT_SQL, [sessionId, provinceId]);
    const now = Date.now();
    const window = context.rows[0];
    if (
      !window ||
      window.session_status !== 'registration_open' ||
      !window.opens_at ||
      !window.closes_at ||
      now < window.opens_at.getTime() ||
      now >= window.closes_at.getTime()
    ) {
      await connection.query('ROLLBACK');
      return send(res, 409, { detail: 'registration-closed' });
    }
    if (!window.invited) {
      await connection.query('ROLLBACK');
      return send(res, 403, { detail: 'not invited' });
    }
    const nameFolded = fold(fullName);
    const inserted = await connection.query<{ id: string | null }>(INSERT_UNLESS_SAME_PERSON_SQL, [
      sessionId,
      provinceId,
      fullName,
      nameFolded,
      null,
      null,
      input.agency,
      phone,
      phone,
      null,
      null,
      user.id,
    ]);
    const id = inserted.rows[0].id;
    if (id === null) {
      await connection.query('ROLLBACK');
      return send(res, 409, { detail: 'already-registered' });
    }
    const placed = await connection.query<{ status: string; quota_only: boolean }>(PLACE_OR_WAITLIST_SQL, [
      sessionId,
      provinceId,
      id,
      randomBytes(16).toString('base64url'),
    ]);
    const { status, quota_only: quotaOnly } = placed.rows[0];
    if (quotaOnly) await connection.query(RELEASE_QUOTA_PLACE_SQL, [sessionId, provinceId]);
    await connection.query(
      `INSERT INTO audit_log (actor_user_id, action, entity_type, entity_id, before, after, request_id)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7)`,
      [
        user.id,
        'registration.created',
        'registration',
        id,
        null,
        JSON.stringify({ ...input, status }),
        randomBytes(8).toString('hex'),
      ],
    );
    const answer = await connection.query(
      `SELECT r.*, p.name AS province_name FROM registration r JOIN province p ON p.id = r.province_id
        WHERE r.id = ANY($1::bigint[]) ORDER BY r.id`,
      [[id]],
    );
    await connection.query('COMMIT');
    return send(res, 201, answer.rows[0]);
  } catch (error) {
    await connection.query('ROLLBACK');
    throw error;
  } finally {
    connection.release();
  }
}

const CHECK_IN = /^\/api\/v1\/sessions\/(\d+)\/parts\/(\d+)\/check-ins$/;
const REGISTRATIONS = /^\/api\/v1\/sessions\/(\d+)\/registrations$/;

const server = createServer((req, res) => {
  const url = req.url ?? '/';
  const checkInRoute = CHECK_IN.exec(url);
  const registrationRoute = REGISTRATIONS.exec(url);
  if (req.method !== 'POST' || (!checkInRoute && !registrationRoute)) {
    res.writeHead(404).end();
    return;
  }
  const handle = async () => {
    // As Nest does: the body is parsed before the guard verifies the token.
    const input = await body(req);
    const user = await authenticate(req);
    if (!user) return send(res, 401, { detail: 'unauthenticated' });
    if (checkInRoute) {
      if (typeof input.code !== 'string') return send(res, 400, { detail: 'code' });
      return checkIn(res, user, Number(checkInRoute[1]), Number(checkInRoute[2]), input.code);
    }
    return register(res, user, Number(registrationRoute![1]), input);
  };
  handle().catch((error: Error) => send(res, 500, { detail: error.message }));
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
process.once('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
