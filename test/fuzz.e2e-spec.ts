import fc from 'fast-check';
import { bearer, db, PROBLEM, signedInUser, STACK, startTestApp, TestApp } from './support/fixtures';

/*
 * Property-based fuzzing of every route in the OpenAPI document: hostile bodies, query
 * strings and path parameters, anonymous and signed in. The API must never answer 5xx, every
 * error must be problem+json, nothing may leak a stack trace, and whatever got stored must be
 * text as the API stores it (NFC, no invisible characters).
 *
 * FUZZ_RUNS (runs per route, default 30) and FUZZ_SEED (to replay a failure) tune a run.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
// A fixed seed keeps CI reproducible; FUZZ_SEED=random explores new inputs (and prints the seed of
// any failure so it can be replayed with FUZZ_SEED=<seed>).
const SEED = process.env.FUZZ_SEED === 'random' ? Date.now() % 2 ** 31 : Number(process.env.FUZZ_SEED ?? 20261122);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

interface SchemaObject {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema?: SchemaObject;
}
interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  parameters: Parameter[];
  bodyTypes: string[];
  bodySchema?: SchemaObject;
}

/** Columns allowed to hold un-normalised text (none: every text field goes through NormalisedText). */
const KNOWN_UNNORMALISED: string[] = [];

/** A JSON value whose objects are key/value lists, so keys like __proto__ survive into the text sent. */
type Json = null | boolean | number | string | Json[] | { entries: [string, Json][] };

function serialise(value: Json): string {
  if (value === null || typeof value !== 'object') {
    // JSON has no NaN or Infinity: send them the way a careless client would, as strings.
    return typeof value === 'number' && !Number.isFinite(value) ? JSON.stringify(String(value)) : JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(serialise).join(',')}]`;
  return `{${value.entries.map(([key, inner]) => `${JSON.stringify(key)}:${serialise(inner)}`).join(',')}}`;
}

const HOSTILE_STRINGS = [
  '',
  ' ',
  "' OR '1'='1",
  '1; DROP TABLE registration; --',
  "'); SELECT pg_sleep(5); --",
  '%',
  '_',
  '\\',
  '%_\\%',
  '$1',
  '${7*7}{{7*7}}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '\u0000',
  'a\u0000b',
  // NFD Vietnamese (combining marks), zero-width and bidi characters, BOM.
  'Nguye\u0302\u0303n Thi\u0323 Hoa\u0300',
  'Ha\u0300 No\u0323\u0302i',
  'Hà\u200bNội',
  '\u200b\u200c\u200d\u2060\ufeff',
  '\u202eevil\u202c',
  'Tuyên\u00a0Quang',
  '\ud800',
  '😀👨‍👩‍👧',
  'İı ǅ ß ﬁ',
  '\r\n\t',
  '-1',
  '0',
  '1e309',
  'NaN',
  'Infinity',
  '99999999999999999999999',
  '1.5',
  '0x10',
  ' 1',
  '2024-02-30',
  '2024-13-01',
  '0000-00-00',
  '9999-12-31T23:59:59Z',
  '-infinity',
  'epoch',
  'training_conference',
  'registration_open',
  'admin',
  '__proto__',
  'constructor',
  'x'.repeat(5000),
];

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...HOSTILE_STRINGS), fc.integer({ min: 2, max: 30_000 }))
      .map(([s, n]) => s.repeat(Math.max(1, Math.floor(n / Math.max(1, s.length))))),
  },
);

const hostileNumber = fc.oneof(
  fc.integer(),
  fc.integer({ min: -2, max: 12 }),
  fc.double(),
  fc.constantFrom(0, -0, 2 ** 31, 2 ** 53, -(2 ** 63), 1e308, Number.MAX_VALUE, Number.MIN_VALUE),
);

const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'id', 'status', 'role'];

const hostileKey = fc.oneof(fc.constantFrom(...POLLUTING_KEYS), fc.string({ maxLength: 12 }), hostileString);

const { hostile } = fc.letrec<{ hostile: Json }>((tie) => ({
  hostile: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('hostile'), { maxLength: 4 }),
    fc
      .array(fc.tuple(hostileKey, tie('hostile')), { maxLength: 4 })
      .map((entries) => ({ entries }) as { entries: [string, Json][] }),
  ),
}));

/** Nesting far beyond anything the API accepts. */
const deeplyNested: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 50, max: 5000 }), fc.boolean())
  .map(([depth, asArray]) =>
    asArray ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
  );

/** Sometimes a value the schema accepts, often one it must refuse. */
function valueFor(schema: SchemaObject | undefined, resolve: (schema: SchemaObject) => SchemaObject, depth: number) {
  const target = schema ? resolve(schema) : {};
  const plausible: fc.Arbitrary<Json>[] = [];
  if (target.enum) plausible.push(fc.constantFrom(...(target.enum as Json[])));
  if (target.example !== undefined) plausible.push(fc.constant(target.example as Json));
  if (target.type === 'string') {
    plausible.push(
      target.format === 'date-time' || target.format === 'date'
        ? fc
            .date({ noInvalidDate: true })
            .map((date) => date.toISOString().slice(0, target.format === 'date' ? 10 : 24))
        : fc.constantFrom('Nguye\u0302\u0303n Va\u0306n A\u200b', 'Hà Nội', ' Tuyên  Quang ', 'a@b.vn', '0912345678'),
    );
  }
  if (target.type === 'number' || target.type === 'integer') plausible.push(fc.integer({ min: -1, max: 12 }));
  if (target.type === 'boolean') plausible.push(fc.boolean());
  if (target.type === 'array' && depth < 3) {
    plausible.push(fc.array(valueFor(target.items, resolve, depth + 1), { maxLength: 3 }));
  }
  if ((target.type === 'object' || target.properties) && depth < 3)
    plausible.push(objectFor(target, resolve, depth + 1));
  return plausible.length > 0
    ? fc.oneof({ weight: 2, arbitrary: fc.oneof(...plausible) }, { weight: 1, arbitrary: hostile })
    : hostile;
}

/** An object with the schema's fields (each present, absent or hostile) plus, sometimes, fields it must refuse. */
function objectFor(
  schema: SchemaObject,
  resolve: (schema: SchemaObject) => SchemaObject,
  depth = 0,
): fc.Arbitrary<Json> {
  const target = resolve(schema);
  const fields = Object.entries(target.properties ?? {}).map(([name, property]) =>
    fc.option(
      valueFor(property, resolve, depth).map((value) => [name, value] as [string, Json]),
      { freq: 5 },
    ),
  );
  return fc
    .tuple(fc.tuple(...fields), fc.array(fc.tuple(hostileKey, hostile), { maxLength: 2 }), fc.nat(4))
    .map(([known, extra, keepExtra]) => ({
      entries: [...known.filter((entry): entry is [string, Json] => entry !== null), ...(keepExtra === 0 ? extra : [])],
    }));
}

/** Valid text that the API must normalise before storing: NFD, zero-width characters, odd spacing. */
function awkwardText(base: string): fc.Arbitrary<string> {
  return fc
    .tuple(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), fc.nat(99_999))
    .map(([nfd, zeroWidth, spacing, nbsp, n]) => {
      let text = `${base} ${n}`;
      if (nfd) text = text.normalize('NFD');
      if (zeroWidth) text = `${text.slice(0, 1)}\u200b${text.slice(1)}\ufeff`;
      if (spacing) text = `  ${text.replace(' ', '   ')}\t`;
      if (nbsp) text = text.replace(' ', '\u00a0');
      return text;
    });
}

/** A value the schema accepts, with awkward (but valid) text: what a sloppy, well-meaning client sends. */
function validValueFor(
  schema: SchemaObject | undefined,
  resolve: (schema: SchemaObject) => SchemaObject,
  depth: number,
): fc.Arbitrary<Json> {
  const target = schema ? resolve(schema) : {};
  if (target.enum) return fc.constantFrom(...(target.enum as Json[]));
  const example = typeof target.example === 'string' ? target.example : undefined;
  switch (target.type) {
    case 'string':
      if (target.format === 'date-time') {
        return fc
          .date({ min: new Date('2026-01-01'), max: new Date('2027-12-31'), noInvalidDate: true })
          .map((date) => date.toISOString());
      }
      if (example === undefined) return awkwardText('Tập huấn Hà Nội');
      if (/^\d{4}-\d{2}(-\d{2})?/.test(example) || /^[\d\s+().-]+$/.test(example)) return fc.constant(example);
      if (example.includes('@')) return fc.nat(99_999).map((n) => example.replace('@', `${n}@`));
      if (/^[a-z0-9-]+$/.test(example)) return fc.nat(99_999).map((n) => `${example}-${n}`);
      return awkwardText(example);
    case 'number':
    case 'integer':
      return fc.integer({ min: 1, max: 5 });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth < 3 ? fc.array(validValueFor(target.items, resolve, depth + 1), { maxLength: 2 }) : fc.constant([]);
    default:
      return target.properties && depth < 3 ? validObjectFor(target, resolve, depth + 1) : fc.constant(null);
  }
}

function validObjectFor(
  schema: SchemaObject,
  resolve: (schema: SchemaObject) => SchemaObject,
  depth = 0,
): fc.Arbitrary<Json> {
  const target = resolve(schema);
  const required = new Set(target.required ?? []);
  const fields = Object.entries(target.properties ?? {}).map(([name, property]) => {
    const field = validValueFor(property, resolve, depth).map((value) => [name, value] as [string, Json]);
    return required.has(name) ? field : fc.option(field, { freq: 2 });
  });
  return fc
    .tuple(...fields)
    .map((entries) => ({ entries: entries.filter((entry): entry is [string, Json] => entry !== null) }));
}

describe('fuzz: hostile input on every documented route', () => {
  let t: TestApp;
  let operations: Operation[];
  let resolve: (schema: SchemaObject) => SchemaObject;
  const tokens: Record<string, string | undefined> = { anonymous: undefined, forged: 'e30.e30.c2lnbmF0dXJl' };

  beforeAll(async () => {
    t = await startTestApp({ env: { LOG_LEVEL: process.env.FUZZ_LOG_LEVEL ?? 'silent' } });
    const document = (await t.http().get('/docs-json').expect(200)).body as {
      paths: Record<
        string,
        Record<
          string,
          { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema?: SchemaObject }> } }
        >
      >;
      components?: { schemas?: Record<string, SchemaObject> };
    };
    const schemas = document.components?.schemas ?? {};
    resolve = (schema) => {
      let current = schema;
      for (let hops = 0; current.$ref && hops < 10; hops++) current = schemas[current.$ref.split('/').pop()!] ?? {};
      const merged = [
        ...(current.allOf ?? []),
        ...(current.oneOf ?? []).slice(0, 1),
        ...(current.anyOf ?? []).slice(0, 1),
      ];
      if (merged.length === 0) return current;
      return merged.map(resolve).reduce<SchemaObject>(
        (all, part) => ({
          ...all,
          ...part,
          properties: { ...all.properties, ...part.properties },
          required: [...(all.required ?? []), ...(part.required ?? [])],
        }),
        { ...current, allOf: undefined, oneOf: undefined, anyOf: undefined },
      );
    };
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, operation]) => ({
          method: method as Operation['method'],
          path,
          parameters: operation.parameters ?? [],
          bodyTypes: Object.keys(operation.requestBody?.content ?? {}),
          bodySchema: operation.requestBody?.content['application/json']?.schema,
        })),
    );
    tokens.organiser = (await signedInUser(t, { role: 'organiser' })).token;
    tokens.admin = (await signedInUser(t, { role: 'admin' })).token;
    tokens.delegate = (await signedInUser(t, { role: 'province_delegate' })).token;
  }, 120_000);
  afterAll(() => t.close());

  it('never answers 5xx, always answers errors as problem+json, never leaks a stack trace', async () => {
    expect(operations.length).toBeGreaterThan(30);
    const failures: string[] = [];
    const writesAccepted: string[] = [];
    for (const operation of operations) {
      const pathParameters = operation.parameters.filter((parameter) => parameter.in === 'path');
      const queryParameters = operation.parameters.filter((parameter) => parameter.in === 'query');
      const pathValue = fc.oneof(
        { weight: 3, arbitrary: fc.integer({ min: 1, max: 12 }).map(String) },
        { weight: 2, arbitrary: hostileString },
      );
      const queryValue = (parameter: Parameter) =>
        fc.oneof(
          valueFor(parameter.schema, resolve, 0).map((value) =>
            value !== null && typeof value === 'object' ? serialise(value) : String(value),
          ),
          hostileString,
          fc.array(hostileString, { minLength: 2, maxLength: 3 }),
        );
      const query = fc.tuple(
        fc.tuple(...queryParameters.map((parameter) => fc.option(queryValue(parameter), { freq: 2 }))),
        fc.array(fc.tuple(hostileKey, hostileString), { maxLength: 2 }),
      );
      const body: fc.Arbitrary<{ contentType?: string; text?: string }> = operation.bodyTypes.length
        ? fc.oneof(
            ...(operation.bodySchema
              ? [
                  {
                    weight: 5,
                    arbitrary: validObjectFor(operation.bodySchema, resolve).map((value) => ({
                      contentType: 'application/json',
                      text: serialise(value),
                    })),
                  },
                ]
              : []),
            {
              weight: 6,
              arbitrary: (operation.bodySchema ? objectFor(operation.bodySchema, resolve) : hostile).map((value) => ({
                contentType: 'application/json',
                text: serialise(value),
              })),
            },
            {
              weight: 1,
              arbitrary: hostile.map((value) => ({ contentType: 'application/json', text: serialise(value) })),
            },
            { weight: 1, arbitrary: deeplyNested.map((text) => ({ contentType: 'application/json', text })) },
            {
              weight: 1,
              arbitrary: fc
                .constantFrom(
                  '{"__proto__":{"polluted":"yes"}}',
                  '{"constructor":{"prototype":{"polluted":"yes"}}}',
                  '{"a":1,"a":2}',
                  '{"title": "x",',
                  '\u0000',
                  '',
                  'null',
                  `[${'1,'.repeat(20_000)}1]`,
                )
                .map((text) => ({ contentType: 'application/json', text })),
            },
            {
              weight: 1,
              arbitrary: fc
                .tuple(
                  fc.constantFrom('text/csv', 'text/plain', 'application/x-www-form-urlencoded', 'application/xml'),
                  fc.array(fc.array(hostileString, { maxLength: 4 }), { maxLength: 5 }),
                )
                .map(([contentType, rows]) => ({
                  contentType,
                  text: ['Họ và tên,Cơ quan,Điện thoại', ...rows.map((row) => row.join(','))].join('\n'),
                })),
            },
          )
        : fc.constant({});
      const identity = fc.constantFrom('anonymous', 'forged', 'organiser', 'admin', 'delegate');

      const property = fc.asyncProperty(
        fc.tuple(...pathParameters.map(() => pathValue)),
        query,
        body,
        identity,
        async (pathValues, [knownQuery, extraQuery], { contentType, text }, who) => {
          let url = operation.path;
          pathParameters.forEach((parameter, index) => {
            // A URL cannot carry a lone surrogate: send what a browser would (U+FFFD).
            const wellFormed = pathValues[index].replace(LONE_SURROGATE, '\ufffd');
            url = url.replace(`{${parameter.name}}`, encodeURIComponent(wellFormed));
          });
          const search = new URLSearchParams();
          queryParameters.forEach((parameter, index) => {
            const value = knownQuery[index];
            if (value === null) return;
            for (const item of Array.isArray(value) ? value : [value]) search.append(parameter.name, item);
          });
          for (const [key, value] of extraQuery) search.append(key, value);
          const queryString = search.toString();
          let call = t.http()[operation.method](queryString ? `${url}?${queryString}` : url);
          const token = tokens[who];
          if (token) call = call.set(bearer(token));
          if (contentType !== undefined) call = call.set('content-type', contentType).send(text ?? '');
          const res = await call.buffer(true).parse((stream, done) => {
            const chunks: Buffer[] = [];
            stream.on('data', (chunk: Buffer) => chunks.push(chunk));
            stream.on('end', () => done(null, Buffer.concat(chunks)));
          });
          const raw = (res.body as Buffer).toString('utf8');
          const target = queryString ? `${url}?${queryString}` : url;
          const shown = target.length > 200 ? `${target.slice(0, 200)}…(${target.length} chars)` : target;
          const what = `${operation.method.toUpperCase()} ${shown} as ${who} -> ${res.status}`;
          if (operation.method !== 'get' && res.status < 300)
            writesAccepted.push(`${operation.method} ${operation.path}`);
          if (res.status >= 500) throw new Error(`${what}: ${raw.slice(0, 300)}`);
          if (STACK.test(raw) && !/^(image|application\/vnd)/.test(String(res.headers['content-type']))) {
            throw new Error(`${what}: stack trace in ${raw.slice(0, 300)}`);
          }
          if (res.status >= 400) {
            if (!PROBLEM.test(String(res.headers['content-type']))) throw new Error(`${what}: not problem+json`);
            const problem = JSON.parse(raw) as Record<string, unknown>;
            if (
              problem.status !== res.status ||
              typeof problem.type !== 'string' ||
              typeof problem.detail !== 'string'
            ) {
              throw new Error(`${what}: malformed problem ${raw.slice(0, 300)}`);
            }
          }
        },
      );
      const result = await fc.check(property, { numRuns: RUNS, seed: SEED, endOnFailure: true });
      if (result.failed) {
        failures.push(
          `${operation.method.toUpperCase()} ${operation.path} (seed ${SEED}): ${String(result.errorInstance ?? '').slice(0, 600)}`,
        );
      }
    }
    // Prototype pollution would show on every object of this process (the app runs in it).
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(failures).toEqual([]);
    // Some well-formed writes got through, so the storage check below has something to look at.
    expect(writesAccepted.length).toBeGreaterThan(0);
    if (process.env.FUZZ_VERBOSE) {
      const counts = writesAccepted.reduce<Record<string, number>>(
        (all, key) => ({ ...all, [key]: (all[key] ?? 0) + 1 }),
        {},
      );
      process.stderr.write(`writes accepted: ${JSON.stringify(counts, null, 1)}\n`);
    }
  }, 300_000);

  it('refuses JSON with too many keys on every route that takes JSON, whoever asks (413 problem)', async () => {
    const jsonRoutes = operations.filter((operation) => operation.bodyTypes.includes('application/json'));
    expect(jsonRoutes.length).toBeGreaterThan(10);
    const keys = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `"${prefix}${i}":0`).join(',');
    // One object over the per-object cap, or many small objects over the total, nested anywhere.
    const shape = fc.oneof(
      fc.integer({ min: 1_001, max: 3_000 }).map((n) => `{${keys(n, 'k')}}`),
      fc
        .integer({ min: 11, max: 14 })
        .map((n) => `[${Array.from({ length: n }, () => `{${keys(1_000, 'k')}}`).join(',')}]`),
    );
    const body = fc
      .tuple(shape, fc.constantFrom('', 'fullName', 'roles', 'items'), fc.boolean())
      .map(([inner, key, wrap]) => (key && wrap ? `{"${key}":${inner}}` : inner));
    const identity = fc.constantFrom('anonymous', 'forged', 'organiser', 'admin');
    const failures: string[] = [];
    for (const operation of jsonRoutes) {
      const url = operation.path.replace(/\{[^}]+\}/g, '1');
      const property = fc.asyncProperty(body, identity, async (text, who) => {
        let call = t.http()[operation.method](url).set('content-type', 'application/json');
        if (tokens[who]) call = call.set(bearer(tokens[who]));
        const res = await call.send(text);
        if (res.status !== 413 || !PROBLEM.test(String(res.headers['content-type'])) || res.text.length > 2_000) {
          throw new Error(`${operation.method.toUpperCase()} ${operation.path} as ${who} -> ${res.status}`);
        }
      });
      const result = await fc.check(property, { numRuns: Math.min(RUNS, 5), seed: SEED, endOnFailure: true });
      if (result.failed) failures.push(String(result.errorInstance ?? '').slice(0, 300));
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('answers every search with many words (at most 8 used) without 5xx', async () => {
    const searches = operations.filter(
      (operation) =>
        operation.method === 'get' &&
        operation.parameters.some((parameter) => parameter.in === 'query' && parameter.name === 'q'),
    );
    // organisations, documents, people, sessions, provinces (and users, for an admin)
    expect(searches.length).toBeGreaterThanOrEqual(5);
    const word = fc.stringMatching(/^[a-zđăâêôơư0-9%_\\]{1,3}$/);
    const q = fc
      .array(word, { minLength: 9, maxLength: 60 })
      .map((words) => words.join(' ').slice(0, 200))
      .filter((text) => text.trim().length > 0);
    const failures: string[] = [];
    for (const operation of searches.filter((o) => !o.path.includes('{'))) {
      const property = fc.asyncProperty(q, async (text) => {
        const res = await t.http().get(operation.path).query({ q: text }).set(bearer(tokens.admin!));
        if (res.status !== 200) throw new Error(`GET ${operation.path}?q=${text} -> ${res.status}`);
      });
      const result = await fc.check(property, { numRuns: Math.min(RUNS, 10), seed: SEED, endOnFailure: true });
      if (result.failed) failures.push(String(result.errorInstance ?? '').slice(0, 300));
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('stored only text as the API stores it: NFC, without invisible characters', async () => {
    const dataSource = db(t);
    const columns: { table_name: string; column_name: string }[] = await dataSource.query(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
         JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
        WHERE c.table_schema = 'public' AND tb.table_type = 'BASE TABLE' AND c.data_type IN ('text', 'character varying')
          AND c.table_name <> 'schema_migrations'`,
    );
    expect(columns.length).toBeGreaterThan(10);
    const offending: string[] = [];
    for (const { table_name: table, column_name: column } of columns) {
      const rows: { value: string }[] = await dataSource.query(
        `SELECT "${column}" AS value FROM "${table}"
          WHERE "${column}" <> normalize("${column}", NFC)
             OR "${column}" ~ '[\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\uFEFF]'
          LIMIT 3`,
      );
      for (const row of rows) offending.push(`${table}.${column}: ${JSON.stringify(row.value).slice(0, 120)}`);
    }
    // Known gaps, owned elsewhere; each entry names what must change before it can go.
    const known = offending.filter((entry) => KNOWN_UNNORMALISED.some((column) => entry.startsWith(`${column}:`)));
    if (known.length > 0) process.stderr.write(`fuzz: known unnormalised text stored: ${known.join(' | ')}\n`);
    expect(offending.filter((entry) => !known.includes(entry))).toEqual([]);
  });
});
