import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { OrgContext } from '../context.js';
import { MAX_API_VERSION, MIN_API_VERSION } from '../context.js';
import { soapUrl } from './identity.js';
import { AUTH_BODY_LIMIT, errorStatus } from './params.js';
import { getAuthSettings, issueSession, resolveAccessToken, revokeToken } from './sessions.js';
import { checkCredentials, organizationName, type UserRow } from './users.js';

/**
 * The partner SOAP API's `login` and `logout` (jsforce's `conn.login()` without OAuth settings).
 * jsforce reads the answer with regexes, so result elements carry no namespace prefix (default xmlns).
 * Every failure is a SOAP fault with HTTP 500, as SOAP 1.1 and Salesforce do.
 */

const ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const PARTNER_NS = 'urn:partner.soap.sforce.com';
const FAULT_NS = 'urn:fault.partner.soap.sforce.com';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

const INVALID_LOGIN = 'Invalid username, password, security token; or user locked out.';

/** A SOAP fault: `sf:<code>` with the message `<code>: <message>`. */
export class SoapFault extends Error {
  public constructor(
    public readonly code: string,
    message: string,
    public readonly detailType = 'UnexpectedErrorFault',
  ) {
    super(message);
  }
}

/**
 * Wrong password, unknown, inactive and frozen users all get the same fault: Salesforce does not tell
 * a SOAP client which one it was (Login History does).
 */
const invalidLogin = (): SoapFault => new SoapFault('INVALID_LOGIN', INVALID_LOGIN, 'LoginFault');
const invalidRequest = (message: string): SoapFault => new SoapFault('INVALID_REQUEST', message);

type Envelope = { header: Record<string, unknown>; operation: string; payload: unknown };
type VersionParams = { version: string; orgId?: string };

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  // Passwords may start or end with spaces.
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
});

export function registerSoapRoutes(app: FastifyInstance, ctx: OrgContext): void {
  for (const url of ['/services/Soap/u/:version', '/services/Soap/u/:version/:orgId']) {
    app.route<{ Params: VersionParams }>({
      method: 'POST',
      url,
      bodyLimit: AUTH_BODY_LIMIT,
      errorHandler: soapErrorHandler,
      handler: async (request, reply) => {
        const version = apiVersion(request.params.version);
        const envelope = readEnvelope(request.body);
        const xml = await perform(ctx, version, envelope);
        return reply.status(200).type('text/xml; charset=utf-8').send(xml);
      },
    });
  }
}

async function perform(ctx: OrgContext, version: string, envelope: Envelope): Promise<string> {
  switch (envelope.operation) {
    case 'login':
      return login(ctx, version, envelope.payload);
    case 'logout':
      return logout(ctx, envelope.header);
    default:
      throw new SoapFault(
        'INVALID_OPERATION',
        `The local org's SOAP API supports only login and logout, not ${envelope.operation}; use the REST API.`,
      );
  }
}

function apiVersion(version: string): string {
  const major = /^(\d{2})\.0$/.exec(version)?.[1];
  if (!major || Number(major) < MIN_API_VERSION || Number(major) > MAX_API_VERSION) {
    throw new SoapFault('UNSUPPORTED_API_VERSION', 'Invalid Api version specified on URL');
  }
  return version;
}

/** Parses a SOAP envelope: its header entries, its one body operation and that operation's content. */
function readEnvelope(body: unknown): Envelope {
  if (typeof body !== 'string' || body.trim() === '') throw invalidRequest('The request body must be a SOAP envelope.');
  // No DTDs: entity expansion is an attack surface and SOAP forbids them anyway.
  if (/<!DOCTYPE/i.test(body)) throw invalidRequest('DOCTYPE is not allowed in a SOAP message.');
  const validation = XMLValidator.validate(body);
  if (validation !== true) throw invalidRequest(`The request is not well-formed XML: ${validation.err.msg}`);
  const root = asRecord(parser.parse(body) as unknown);
  const envelope = asRecord(root?.Envelope);
  const soapBody = asRecord(envelope?.Body);
  if (!envelope || !soapBody) throw invalidRequest('The request is not a SOAP envelope with a Body.');
  const operations = Object.keys(soapBody).filter((key) => !key.startsWith('#'));
  const operation = operations[0];
  if (operations.length !== 1 || !operation) throw invalidRequest('The SOAP Body must hold exactly one operation.');
  return { header: asRecord(envelope.Header) ?? {}, operation, payload: soapBody[operation] };
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The text of a child element: '' when absent or empty; a repeated or structured element is refused. */
function textOf(parent: unknown, name: string): string {
  const value = asRecord(parent)?.[name];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw invalidRequest(`The element ${name} must appear once and hold text.`);
  return value;
}

async function login(ctx: OrgContext, version: string, payload: unknown): Promise<string> {
  const username = textOf(payload, 'username');
  const password = textOf(payload, 'password');
  const outcome = await checkCredentials(ctx, username, password);
  if (!outcome.ok) throw invalidLogin();
  const { accessToken } = issueSession(ctx, outcome.user.Id, null);
  return envelopeXml(
    `<loginResponse><result>${loginResult(ctx, version, outcome.user, accessToken)}</result></loginResponse>`,
  );
}

function loginResult(ctx: OrgContext, version: string, user: UserRow, sessionId: string): string {
  const userInfo = [
    el('accessibilityMode', 'false'),
    el('organizationId', ctx.orgId),
    el('organizationMultiCurrency', 'false'),
    el('organizationName', organizationName(ctx)),
    el('profileId', user.ProfileId),
    el('roleId', user.UserRoleId),
    el('sessionSecondsValid', String(getAuthSettings(ctx).sessionTimeoutMinutes * 60)),
    el('userEmail', user.Email),
    el('userFullName', user.Name ?? [user.FirstName, user.LastName].filter(Boolean).join(' ')),
    el('userId', user.Id),
    el('userLanguage', user.LanguageLocaleKey ?? 'en_US'),
    el('userLocale', user.LocaleSidKey ?? 'en_US'),
    el('userName', user.Username),
    el('userTimeZone', user.TimeZoneSidKey ?? ctx.timeZone),
    el('userType', 'Standard'),
    el('userUiSkin', 'Theme3'),
  ].join('');
  return [
    el('metadataServerUrl', soapUrl(ctx, 'm', version)),
    el('passwordExpired', 'false'),
    el('sandbox', 'false'),
    el('serverUrl', soapUrl(ctx, 'u', version)),
    el('sessionId', sessionId),
    el('userId', user.Id),
    `<userInfo>${userInfo}</userInfo>`,
  ].join('');
}

/** Ends the session named in the SessionHeader. */
function logout(ctx: OrgContext, header: Record<string, unknown>): string {
  const sessionId = textOf(header.SessionHeader, 'sessionId').trim();
  if (!sessionId || !resolveAccessToken(ctx, sessionId)) {
    throw new SoapFault('INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader: Illegal Session');
  }
  revokeToken(ctx, sessionId);
  return envelopeXml('<logoutResponse/>');
}

function envelopeXml(body: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soapenv:Envelope xmlns:soapenv="${ENVELOPE_NS}" xmlns="${PARTNER_NS}" xmlns:xsi="${XSI_NS}">` +
    `<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`
  );
}

/** An element, or `xsi:nil` for a missing value. */
function el(name: string, value: string | null | undefined): string {
  return value === null || value === undefined || value === ''
    ? `<${name} xsi:nil="true"/>`
    : `<${name}>${escapeXml(value)}</${name}>`;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Escapes element text. Quotes stay as they are: jsforce shows faultstrings without unescaping them. */
function escapeXml(value: string): string {
  return value.replace(/[&<>]/g, (ch) => XML_ESCAPES[ch] ?? ch);
}

export function faultXml(fault: SoapFault): string {
  const type = `sf:${fault.detailType}`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soapenv:Envelope xmlns:soapenv="${ENVELOPE_NS}" xmlns:sf="${FAULT_NS}" xmlns:xsi="${XSI_NS}">` +
    '<soapenv:Body><soapenv:Fault>' +
    `<faultcode>sf:${fault.code}</faultcode>` +
    `<faultstring>${escapeXml(`${fault.code}: ${fault.message}`)}</faultstring>` +
    `<detail><${type} xsi:type="${type}">` +
    `<sf:exceptionCode>${fault.code}</sf:exceptionCode>` +
    `<sf:exceptionMessage>${escapeXml(fault.message)}</sf:exceptionMessage>` +
    `</${type}></detail>` +
    '</soapenv:Fault></soapenv:Body></soapenv:Envelope>'
  );
}

/** Every error of the SOAP endpoint, including body-parser ones, becomes a fault: never JSON, never a stack. */
function soapErrorHandler(error: FastifyError | Error, _request: FastifyRequest, reply: FastifyReply): void {
  void reply
    .status(500)
    .type('text/xml; charset=utf-8')
    .send(faultXml(toFault(error)));
}

function toFault(error: FastifyError | Error): SoapFault {
  if (error instanceof SoapFault) return error;
  const status = errorStatus(error);
  if (status === 413)
    return new SoapFault('EXCEEDED_MAX_SIZE_REQUEST', `The request exceeds ${AUTH_BODY_LIMIT} bytes.`);
  if (status >= 400 && status < 500) return invalidRequest('The request could not be read.');
  return new SoapFault('UNKNOWN_EXCEPTION', 'An unexpected error occurred in the local org.');
}
