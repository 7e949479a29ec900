import { Principal } from '@libs/access';
import { html, Html, path } from '../html';

export interface Crumb {
  readonly label: string;
  readonly href?: string;
}

export interface PageOptions {
  readonly title: string;
  readonly crumbs?: readonly Crumb[];
  readonly principal?: Principal;
  /** a live page: its region's event stream and the position the page was rendered at */
  readonly live?: { readonly regionId: string; readonly position: string };
  /** a short line under the title */
  readonly lead?: Html | string;
}

const ROLE_LABELS: Record<string, string> = {
  admin: 'beheerder',
  recorder: 'vastlegger',
  controller: 'controller',
  municipality: 'gemeente',
};

export function roleLabel(principal: Principal): string {
  const role = ROLE_LABELS[principal.role] ?? principal.role;
  return principal.municipality ? `${role} ${principal.municipality}` : role;
}

/** Every page: a header with where you are and who you are, the content, and a footer. */
export function page(options: PageOptions, content: Html): Html {
  const crumbs = options.crumbs ?? [];
  return html`<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} — Geldstroom</title>
<link rel="stylesheet" href="/ui/assets/ui.css">
<link rel="icon" href="/ui/assets/favicon.svg" type="image/svg+xml">
${options.live ? html`<script src="/ui/assets/live.js" defer></script>` : ''}
</head>
<body${options.live ? html` data-live="${path(['ui', 'regions', options.live.regionId, 'live'])}" data-position="${options.live.position}"` : ''}>
<a class="skip" href="#inhoud">Naar de inhoud</a>
<header class="top">
  <a class="brand" href="/"><span class="mark" aria-hidden="true"></span>Geldstroom</a>
  ${
    crumbs.length > 0
      ? html`<nav aria-label="Kruimelpad" class="crumbs">
          <ol>
            ${crumbs.map((crumb, index) =>
              crumb.href && index < crumbs.length - 1
                ? html`<li><a href="${crumb.href}">${crumb.label}</a></li>`
                : html`<li aria-current="page">${crumb.label}</li>`,
            )}
          </ol>
        </nav>`
      : ''
  }
  ${
    options.principal
      ? html`<div class="who">
          <span>${options.principal.actor} · ${roleLabel(options.principal)}</span>
          <form method="post" action="/ui/logout"><button type="submit" class="link">Uitloggen</button></form>
        </div>`
      : ''
  }
</header>
<main id="inhoud" tabindex="-1">
<h1>${options.title}</h1>
${options.lead ? html`<p class="lead">${options.lead}</p>` : ''}
${options.live ? html`<p class="live-status" role="status" aria-live="polite" data-live-status></p>` : ''}
${content}
</main>
<footer class="bottom"><p>Bedragen in euro; tijden in Nederlandse tijd (Europe/Amsterdam). Alles op deze pagina komt uit het vastgelegde grootboek.</p></footer>
</body>
</html>`;
}
