import express, { NextFunction, Request, RequestHandler, Response } from 'express';

/** The web interface: the start page and everything under /ui. */
export const isPagePath = (path: string) => path === '/' || path === '/ui' || path.startsWith('/ui/');

/** Form posts of the pages (urlencoded; uploads are read by their route), small. */
export function pageBodies(): RequestHandler {
  // typed as Express's own handler: body-parser declares it over Node's bare request and response
  const urlencoded: RequestHandler = express.urlencoded({ extended: false, limit: '256kb', parameterLimit: 2000 });
  return (request: Request, response: Response, next: NextFunction) =>
    isPagePath(request.path) ? urlencoded(request, response, next) : next();
}

/** Runs an API middleware everywhere but on the pages. */
export function exceptPages(middleware: RequestHandler): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) =>
    isPagePath(request.path) ? next() : middleware(request, response, next);
}
