import type { Response } from 'express';
import { refusalOf, yearParameter } from '@libs/queries';
import { notFound } from '../../http/problem';
import { Html } from '../html';

export function send(response: Response, page: Html): void {
  response.type('text/html; charset=utf-8').send(page.text);
}

/** A year in a page's URL, by the year rule of every edge; a URL with something else in its place leads nowhere. */
export function yearParam(text: string | undefined): number {
  if (refusalOf(yearParameter, text, 'year') !== undefined) throw notFound(`"${text}" is geen jaar`, 'year');
  return yearParameter(text, 'year');
}
