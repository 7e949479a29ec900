import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiContact } from '../api.config';
import { API_BASE_PATH, API_VERSION } from '../http/api-version';
import { boundAddress } from '../http/bound-address';

/** Where the document is published (NL API Design Rules /core/publish-openapi): the root and the API's base path. */
export const OPENAPI_PATHS = ['/openapi.json', `${API_BASE_PATH}/openapi.json`] as const;

interface Operation {
  responses?: Record<string, { headers?: Record<string, unknown> }>;
}

/**
 * The OpenAPI document of API version 1 as the NL API Design Rules want it: semver `info.version`,
 * the operator's contact (its URL is added when the document is served, see publishOpenApiDocument), one server at the versioned base path (paths relative to it), the opaque
 * bearer tokens, and an `API-Version` header on every success answer. Error answers are documented
 * per route with @ApiProblems.
 */
export function buildOpenApiDocument(app: INestApplication, contact: ApiContact): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Geldstroom')
      .setDescription(
        'Event-sourced ledger of the regional money flows of beschermd wonen (BW) and maatschappelijke opvang (MO). ' +
          `Every answer carries API-Version; errors are application/problem+json (RFC 9457). ` +
          'Outside this version: GET /health (no token) and this document at /openapi.json.',
      )
      .setVersion(API_VERSION)
      .setContact(contact.name, '', contact.email)
      .addServer(API_BASE_PATH, 'this service, API version 1')
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'opaque gst_ token',
        description: 'an opaque token (gst_…) made with `geldstroom token create`; not a JWT',
      })
      .build(),
  );
  const contactObject = Object.fromEntries(Object.entries(document.info.contact ?? {}).filter(([, value]) => value));
  document.info.contact = contactObject;
  document.components = {
    ...document.components,
    headers: {
      ...document.components?.headers,
      'API-Version': {
        description: 'the full version of the API that answered (semver)',
        schema: { type: 'string', example: API_VERSION },
      },
    },
  };
  document.paths = Object.fromEntries(
    Object.entries(document.paths).map(([path, item]) => {
      for (const operation of Object.values(item) as Operation[]) {
        for (const [status, response] of Object.entries(operation?.responses ?? {})) {
          if (/^[23]\d\d$/.test(status))
            response.headers = { ...response.headers, 'API-Version': { $ref: '#/components/headers/API-Version' } };
        }
      }
      return [path.startsWith(`${API_BASE_PATH}/`) ? path.slice(API_BASE_PATH.length) : path, item];
    }),
  );
  return document;
}

/**
 * Serves the document (with CORS, so that tools in a browser may read it) and Swagger UI at /docs.
 * The document is built when it is first asked for: scanning every route takes a noticeable part of
 * the service's start, and without GELDSTROOM_CONTACT_URL the contact's URL is this service's own
 * documentation, known only once the server is bound.
 */
export function publishOpenApiDocument(app: INestApplication, build: () => OpenAPIObject, contact: ApiContact): void {
  let served: OpenAPIObject | undefined;
  const complete = (): OpenAPIObject => {
    if (served) return served;
    const document = build();
    const url = contact.url ?? `${boundAddress((app.getHttpServer() as Server).address() as AddressInfo).url}/docs`;
    served = { ...document, info: { ...document.info, contact: { ...document.info.contact, url } } };
    return served;
  };
  let body: string | undefined;
  const http = app.getHttpAdapter();
  for (const path of OPENAPI_PATHS) {
    http.get(path, (_request: Request, response: Response) => {
      body ??= JSON.stringify(complete());
      response
        .setHeader('Access-Control-Allow-Origin', '*')
        .setHeader('Cross-Origin-Resource-Policy', 'cross-origin')
        .type('application/json; charset=utf-8')
        .send(body);
    });
  }
  SwaggerModule.setup('docs', app, complete, { ui: true, raw: false, customSiteTitle: 'Geldstroom API' });
}
