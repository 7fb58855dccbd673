import { DEFAULT_SETTINGS } from '../../../src/org/settings.js';
import { DatabaseSync } from 'node:sqlite';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import type { OrgContext } from '../../../src/org/context.js';
import { ensureTables } from '../../../src/org/db.js';
import { OrgApiError } from '../../../src/org/errors.js';
import { makeId } from '../../../src/org/ids.js';
import { buildSchema, field, reference, sobject } from '../../../src/org/schema/build.js';
import {
  authenticateBearer,
  registerAuthRoutes,
  registerConnectedApp,
  setPassword,
} from '../../../src/org/auth/index.js';

/** A tiny org for auth tests: Organization, User and UserLogin, four users and two connected apps. */

export const PASSWORD = 'p&ss<word> "1"';
export const ORG_ID = makeId('00D', 1);
export const USERS = {
  admin: { id: makeId('005', 1), username: 'admin@auth.test' },
  inactive: { id: makeId('005', 2), username: 'gone@auth.test' },
  frozen: { id: makeId('005', 3), username: 'frozen@auth.test' },
  other: { id: makeId('005', 4), username: 'other@auth.test' },
};

export const WEB_APP = {
  name: 'Web <App> & "Co"',
  consumerKey: 'web-client',
  consumerSecret: 'web-secret',
  callbackUrls: ['https://app.example.com/callback', 'http://127.0.0.1/cb', 'http://localhost:1717/OauthRedirect'],
  allowPkceWithoutSecret: true,
  runAsUserId: USERS.admin.id,
};
export const CONFIDENTIAL_APP = {
  name: 'Confidential',
  consumerKey: 'conf-client',
  consumerSecret: 'conf-secret',
  callbackUrls: ['http://127.0.0.1/cb', 'https://conf.example.com/cb'],
  allowPkceWithoutSecret: false,
};

export type TestOrg = {
  ctx: OrgContext;
  app: FastifyInstance;
  /** Moves the org's clock forward. */
  advance(ms: number): void;
  close(): Promise<void>;
};

function testSchema() {
  return buildSchema([
    sobject('Organization', '00D', [field('Name', 'string'), field('TimeZoneSidKey', 'string')]),
    sobject('User', '005', [
      field('Username', 'string'),
      field('IsActive', 'boolean'),
      field('FirstName', 'string'),
      field('LastName', 'string'),
      field('Name', 'string'),
      field('Email', 'email'),
      field('TimeZoneSidKey', 'string'),
      field('LocaleSidKey', 'string'),
      field('LanguageLocaleKey', 'string'),
      reference('ProfileId', ['Profile'], 'Profile'),
    ]),
    sobject('UserLogin', '060', [reference('UserId', ['User'], 'User'), field('IsFrozen', 'boolean')]),
  ]);
}

function seed(ctx: OrgContext): void {
  const { db } = ctx;
  db.prepare('INSERT INTO "Organization" ("Id", "Name", "TimeZoneSidKey") VALUES (?, ?, ?)').run(
    ORG_ID,
    'Auth Test Org',
    'Asia/Shanghai',
  );
  const insertUser = db.prepare(
    `INSERT INTO "User" ("Id", "Username", "IsActive", "FirstName", "LastName", "Name", "Email", "TimeZoneSidKey",
       "LocaleSidKey", "LanguageLocaleKey", "ProfileId", "LastModifiedDate") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const users: [keyof typeof USERS, number, string, string, string][] = [
    ['admin', 1, 'Ada', 'Admin', 'America/Los_Angeles'],
    ['inactive', 0, 'Ina', 'Gone', 'Europe/Paris'],
    ['frozen', 1, 'Fritz', 'Frost', 'Europe/Paris'],
    ['other', 1, 'Otto', 'Other', 'Asia/Tokyo'],
  ];
  for (const [key, active, first, last, zone] of users) {
    const { id, username } = USERS[key];
    insertUser.run(
      id,
      username,
      active,
      first,
      last,
      `${first} ${last}`,
      username,
      zone,
      'en_US',
      'en_US',
      makeId('00e', 1),
      '2024-03-01T08:00:00.000Z',
    );
    setPassword(ctx, id, PASSWORD);
  }
  db.prepare('INSERT INTO "UserLogin" ("Id", "UserId", "IsFrozen") VALUES (?, ?, 1)').run(
    makeId('060', 1),
    USERS.frozen.id,
  );
  registerConnectedApp(ctx, WEB_APP);
  registerConnectedApp(ctx, CONFIDENTIAL_APP);
}

/** The same body parsers and error handler as src/org/server.ts, plus a probe route standing in for the REST API. */
async function buildApp(ctx: OrgContext): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2000 } });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json', 'text/json'], { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new OrgApiError(400, 'JSON_PARSER_ERROR', 'The request body is not valid JSON'));
    }
  });
  app.addContentTypeParser(
    ['text/xml', 'application/xml', 'application/soap+xml'],
    { parseAs: 'string' },
    (_req, body, done) => done(null, String(body)),
  );
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, String(body)));
  await app.register(formbody);
  app.setErrorHandler((error: FastifyError | OrgApiError, _request, reply) => {
    if (error instanceof OrgApiError)
      return reply.status(error.status).type('application/json;charset=UTF-8').send(error.toBody());
    return reply
      .status(500)
      .type('application/json;charset=UTF-8')
      .send([{ message: 'unexpected', errorCode: 'UNKNOWN_EXCEPTION' }]);
  });
  registerAuthRoutes(app, ctx);
  app.get('/services/data/v62.0/probe', (request) => {
    const session = authenticateBearer(ctx, request.headers.authorization);
    return { userId: session.userId, clientId: session.clientId };
  });
  return app;
}

/**
 * An org served over real HTTP on 127.0.0.1. (Fastify's inject() cannot run under this jest setup:
 * light-my-request require()s the ESM-only `cookie` package, which jest's CommonJS loader refuses.)
 */
export async function createTestOrg(): Promise<TestOrg> {
  const db = new DatabaseSync(':memory:');
  const schema = testSchema();
  ensureTables(db, schema);
  let clock = Date.parse('2024-07-01T12:00:00.000Z');
  const ctx: OrgContext = {
    db,
    schema,
    orgId: ORG_ID,
    timeZone: 'Asia/Shanghai',
    baseUrl: 'https://local.test',
    now: () => new Date(clock),
    settings: { ...DEFAULT_SETTINGS },
  };
  seed(ctx);
  const app = await buildApp(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  ctx.baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    ctx,
    app,
    advance: (ms) => {
      clock += ms;
    },
    close: async () => {
      await app.close();
      db.close();
    },
  };
}

export type HttpAnswer = { status: number; headers: Headers; body: string };

/** One HTTP request to the org; redirects are returned, not followed. */
export async function call(
  org: TestOrg,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<HttpAnswer> {
  const response = await fetch(`${org.ctx.baseUrl}${path}`, {
    method,
    redirect: 'manual',
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.body === undefined ? {} : { body: options.body }),
  });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** A form-urlencoded body. */
export function form(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) search.set(name, value);
  return search.toString();
}

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

export const ACCESS_TOKEN = /^00D\w{12,15}![.\w]*$/;
