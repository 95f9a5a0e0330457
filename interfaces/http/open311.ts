/**
 * Open311 GeoReport v2 at /open311/v2/ (docs/open311.md): a community's complaint categories as
 * services, its complaints as service requests, filed by clients the ministry registered. Every answer
 * in JSON or XML by the path's extension; errors in the specification's shape
 * (`[{code, description}]`, `<errors><error>…`) with its status codes (400, 403, 404).
 */
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CommandHandler } from '../../application/command-handler';
import type { Commands } from '../../application/commands/registry';
import { HamaynkError, ValidationFailed } from '../../application/errors';
import { open311Actor } from '../../application/open311/commands';
import { open311ClientOfKey } from '../../application/open311/keys';
import {
  complaintsByIds,
  open311Request,
  open311Service,
  open311Services,
  searchComplaints,
  type Open311Locale,
  type Open311ServiceRequest,
  type Open311Status,
} from '../../application/open311/service-requests';
import type { ReadModelReader } from '../../application/ports/read-store';
import type { Queries } from '../../application/queries';
import type { Clock } from '../../application/ids';
import { complaintCategory, type Complaint } from '../../domain/complaint';
import { MAX_SUBJECT_LENGTH } from '../../domain/complaint/state';

export const OPEN311_BASE = '/open311/v2';
/** The specification's limits: the default and widest date range of a requests query, and its most requests. */
const RANGE_DAYS = 90;
const MAX_REQUESTS = 1000;
const DAY_MS = 86_400_000;

type Format = 'json' | 'xml';

export interface Open311Deps {
  readonly handler: Pick<CommandHandler, 'load'>;
  readonly commands: Pick<Commands, 'fileComplaint'>;
  readonly queries: Pick<Queries, 'community'>;
  readonly readStore: ReadModelReader;
  readonly clock: Clock;
  /** The server's public address, for discovery. */
  readonly publicUrl: string;
}

/** An answer in the specification's error format. */
class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    readonly description: string,
  ) {
    super(description);
    this.name = 'Open311Error';
  }
}

/* ------------------------------------------------------------------ XML ------------------------------------------------------------------ */

const escapeXml = (text: string): string => text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

type XmlValue = string | number | boolean | null | undefined | XmlNode | readonly XmlNode[];
interface XmlNode {
  readonly [element: string]: XmlValue;
}

/** Elements in the order of the object's keys; null becomes an empty element, arrays repeat their elements. */
const xmlOf = (node: XmlNode): string =>
  Object.entries(node)
    .map(([name, value]) => {
      if (Array.isArray(value)) return `<${name}>${(value as readonly XmlNode[]).map(xmlOf).join('')}</${name}>`;
      if (value === null || value === undefined) return `<${name}/>`;
      if (typeof value === 'object') return `<${name}>${xmlOf(value as XmlNode)}</${name}>`;
      return `<${name}>${escapeXml(String(value))}</${name}>`;
    })
    .join('');

const xmlDocument = (root: XmlNode): string => `<?xml version="1.0" encoding="utf-8"?>${xmlOf(root)}`;

/* ------------------------------------------------------------------ answers ------------------------------------------------------------------ */

const send = (reply: FastifyReply, format: Format, json: unknown, xml: XmlNode, status = 200): FastifyReply =>
  format === 'json'
    ? reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify(json))
    : reply.code(status).type('text/xml; charset=utf-8').send(xmlDocument(xml));

const sendError = (reply: FastifyReply, format: Format, error: Open311Error): FastifyReply =>
  send(reply, format, [{ code: error.status, description: error.description }], { errors: [{ error: { code: error.status, description: error.description } }] }, error.status);

const requestsXml = (requests: readonly object[]): XmlNode => ({ service_requests: requests.map((r) => ({ request: r as XmlNode })) });

/* ------------------------------------------------------------------ parameters ------------------------------------------------------------------ */

type Params = Record<string, unknown>;

const text = (params: Params, name: string): string | undefined => {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new Open311Error(400, `${name} must be given once`);
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
};

const required = (params: Params, name: string): string => {
  const value = text(params, name);
  if (value === undefined) throw new Open311Error(400, `${name} was not provided`);
  return value;
};

const list = (params: Params, name: string): string[] =>
  (text(params, name) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const localeOf = (params: Params): Open311Locale => (text(params, 'locale')?.toLowerCase().startsWith('en') ? 'en' : 'hy');

/** A W3C date-time (or date) as an instant; anything else is a 400. */
const instant = (params: Params, name: string): number | undefined => {
  const value = text(params, name);
  if (value === undefined) return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new Open311Error(400, `${name} must be a W3C date-time, e.g. 2024-03-01T00:00:00+04:00`);
  return ms;
};

/** The first line of the text, cut to a complaint subject's length. */
const subjectOf = (description: string): string => [...(description.split(/\r?\n/)[0] ?? description)].slice(0, MAX_SUBJECT_LENGTH).join('');

/* ------------------------------------------------------------------ routes ------------------------------------------------------------------ */

export const registerOpen311 = async (app: FastifyInstance, deps: Open311Deps): Promise<void> => {
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(formbody);
  const today = () => deps.clock.now().toISOString();

  /** The community a jurisdiction_id names (400 without one, 404 for an unknown one) and the agency's name. */
  const jurisdiction = async (params: Params, locale: Open311Locale): Promise<{ id: string; agency: string }> => {
    const id = required(params, 'jurisdiction_id');
    let community: { nameHy: string; nameEn: string } | null;
    try {
      community = await deps.queries.community(id);
    } catch (error) {
      if (error instanceof ValidationFailed) community = null;
      else throw error;
    }
    if (community === null) throw new Open311Error(404, `jurisdiction_id ${id} was not found`);
    return { id, agency: locale === 'en' ? community.nameEn : community.nameHy };
  };

  /** Serves `path` in both formats, turning Open311Error (and our own errors) into the specification's error answers. */
  const route = (method: 'GET' | 'POST', path: string, handle: (params: Params, format: Format, reply: FastifyReply, pathParams: Record<string, string>) => Promise<FastifyReply>) => {
    for (const format of ['json', 'xml'] as const) {
      app.route({
        method,
        url: `${OPEN311_BASE}/${path}.${format}`,
        handler: async (request, reply) => {
          const params = { ...(request.query as Params), ...(method === 'POST' && typeof request.body === 'object' && request.body !== null ? (request.body as Params) : {}) };
          try {
            return await handle(params, format, reply, request.params as Record<string, string>);
          } catch (error) {
            if (error instanceof Open311Error) return sendError(reply, format, error);
            if (error instanceof HamaynkError && error.code === 'VALIDATION_FAILED') return sendError(reply, format, new Open311Error(400, error.message));
            if (error instanceof HamaynkError && error.code === 'NOT_FOUND') return sendError(reply, format, new Open311Error(404, error.message));
            throw error;
          }
        },
      });
    }
  };

  route('GET', 'discovery', async (_params, format, reply) => {
    const endpoint = {
      specification: 'http://wiki.open311.org/GeoReport_v2',
      url: `${deps.publicUrl}${OPEN311_BASE}`,
      changeset: '2024-01-01T00:00:00Z',
      type: 'production',
      formats: ['application/json', 'text/xml'],
    };
    const discovery = { changeset: endpoint.changeset, contact: 'The Ministry of Territorial Administration and Infrastructure of Armenia', key_service: 'API keys are issued by the ministry (registerOpen311Client).', endpoints: [endpoint] };
    return send(reply, format, discovery, {
      discovery: { ...discovery, endpoints: [{ endpoint: { ...endpoint, formats: endpoint.formats.map((f) => ({ format: f })) } }] },
    });
  });

  route('GET', 'services', async (params, format, reply) => {
    const locale = localeOf(params);
    await jurisdiction(params, locale);
    const services = open311Services(locale);
    return send(reply, format, services, { services: services.map((s) => ({ service: s as unknown as XmlNode })) });
  });

  // services/<code>.json: the definition of a service's attributes. Ours have none (metadata false).
  route('GET', 'services/:service_code', async (params, format, reply, path) => {
    const locale = localeOf(params);
    await jurisdiction(params, locale);
    const category = complaintCategory(path.service_code);
    if (!category) throw new Open311Error(404, `service_code ${path.service_code} was not found`);
    const definition = { service_code: category.code, attributes: [] as never[] };
    return send(reply, format, { ...open311Service(category, locale), ...definition }, { service_definition: { service_code: category.code, attributes: [] } });
  });

  route('POST', 'requests', async (params, format, reply) => {
    const apiKey = text(params, 'api_key');
    if (apiKey === undefined) throw new Open311Error(403, 'api_key was not provided');
    const client = await open311ClientOfKey(deps.handler, apiKey);
    if (client === null) throw new Open311Error(403, 'api_key is not valid');
    const locale = localeOf(params);
    const { id: communityId } = await jurisdiction(params, locale);
    const serviceCode = required(params, 'service_code');
    if (!complaintCategory(serviceCode)) throw new Open311Error(404, `service_code ${serviceCode} was not found`);
    const description = required(params, 'description');
    // Complaints are not placed on a map: a location given is kept with the complaint's text.
    const address = text(params, 'address_string');
    const lat = text(params, 'lat');
    const long = text(params, 'long');
    const where = [address, lat !== undefined && long !== undefined ? `${lat},${long}` : undefined].filter(Boolean).join('; ');
    const name = [text(params, 'first_name'), text(params, 'last_name')].filter(Boolean).join(' ');
    const result = await deps.commands.fileComplaint(
      {
        input: {
          communityId,
          channel: 'online',
          category: serviceCode,
          subject: subjectOf(description),
          description: where ? `${description}\n\nՀասցե / Address: ${where}` : description,
          ...(name ? { complainantName: name } : {}),
        },
      },
      { actor: open311Actor(client.clientId) },
    );
    const created = { service_request_id: result.id, service_notice: `The response is due by ${result.view.responseDueOn}.`, account_id: null };
    return send(reply, format, [created], requestsXml([created]));
  });

  /** The requests as this client may see them: the complaint's text only to the client that filed it. */
  const asRequests = async (complaints: readonly Complaint[], params: Params, agency: string, locale: Open311Locale): Promise<Open311ServiceRequest[]> => {
    const apiKey = text(params, 'api_key');
    const client = apiKey === undefined ? null : await open311ClientOfKey(deps.handler, apiKey);
    if (apiKey !== undefined && client === null) throw new Open311Error(403, 'api_key is not valid');
    const filer = client === null ? null : open311Actor(client.clientId).id;
    return complaints.map((c) => {
      const request = open311Request(c, agency, locale);
      return c.complainantId !== undefined && c.complainantId === filer ? request : { ...request, description: '' };
    });
  };

  route('GET', 'requests', async (params, format, reply) => {
    const locale = localeOf(params);
    const { id: communityId, agency } = await jurisdiction(params, locale);
    const ids = list(params, 'service_request_id');
    let complaints: Complaint[];
    if (ids.length) {
      // The specification: a list of ids overrides every other parameter.
      complaints = await complaintsByIds(deps.readStore, communityId, ids.slice(0, MAX_REQUESTS));
    } else {
      const statuses = list(params, 'status');
      const bad = statuses.filter((s) => s !== 'open' && s !== 'closed');
      if (bad.length) throw new Open311Error(400, `status must be open or closed, not ${bad.join(', ')}`);
      const start = instant(params, 'start_date');
      const end = instant(params, 'end_date');
      const to = end ?? (start !== undefined ? Math.min(start + RANGE_DAYS * DAY_MS, Date.parse(today())) : Date.parse(today()));
      const from = start ?? to - RANGE_DAYS * DAY_MS;
      if (from > to) throw new Open311Error(400, 'start_date must not be after end_date');
      if (to - from > RANGE_DAYS * DAY_MS) throw new Open311Error(400, `start_date and end_date may be at most ${RANGE_DAYS} days apart`);
      complaints = await searchComplaints(deps.readStore, {
        communityId,
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        statuses: statuses as Open311Status[],
        serviceCodes: list(params, 'service_code'),
        limit: MAX_REQUESTS,
      });
    }
    const requests = await asRequests(complaints, params, agency, locale);
    return send(reply, format, requests, requestsXml(requests));
  });

  route('GET', 'requests/:service_request_id', async (params, format, reply, path) => {
    const locale = localeOf(params);
    const { id: communityId, agency } = await jurisdiction(params, locale);
    const [complaint] = await complaintsByIds(deps.readStore, communityId, [path.service_request_id]);
    if (!complaint) throw new Open311Error(404, `service_request_id ${path.service_request_id} was not found`);
    const requests = await asRequests([complaint], params, agency, locale);
    return send(reply, format, requests, requestsXml(requests));
  });
};
