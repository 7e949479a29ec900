/**
 * The one place where text becomes HTML. Every value interpolated into an `html` template is escaped,
 * unless it is itself the result of `html` (or of `trustedSvg`, for the charts this service renders).
 * Views never build markup by string concatenation.
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

export type Interpolated = Html | string | number | bigint | boolean | null | undefined | readonly Interpolated[];

function render(value: Interpolated): string {
  if (value instanceof Html) return value.text;
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** `html\`<p>${name}</p>\`` — the name is escaped; arrays are joined; null, undefined and false render nothing. */
export function html(strings: TemplateStringsArray, ...values: Interpolated[]): Html {
  let text = strings[0];
  values.forEach((value, index) => {
    text += render(value) + strings[index + 1];
  });
  return new Html(text);
}

/** Markup that this service produced itself and checked (the server-rendered charts). */
export function trustedSvg(svg: string): Html {
  return new Html(svg);
}

/** A URL path from segments, each one percent-encoded, plus an optional query. */
export function path(segments: readonly (string | number)[], query: Record<string, string | undefined> = {}): string {
  const base = '/' + segments.map((segment) => encodeURIComponent(String(segment))).join('/');
  const search = new URLSearchParams(
    Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined),
  ).toString();
  return search ? `${base}?${search}` : base;
}
