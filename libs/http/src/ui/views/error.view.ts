import { Principal } from '@libs/access';
import { html, Html } from '../html';
import { page } from './layout';

const TITLES: Record<number, string> = {
  400: 'Dit verzoek klopt niet',
  401: 'Niet ingelogd',
  403: 'Geen toegang',
  404: 'Niet gevonden',
  409: 'De geschiedenis klopt niet',
  413: 'Te groot',
  422: 'Niet toegestaan door de regels',
  503: 'Tijdelijk niet beschikbaar',
};

export function errorPage(status: number, detail: string, requestId: string, principal?: Principal): Html {
  return page(
    { title: TITLES[status] ?? 'Er ging iets mis', principal },
    html`<p class="error-detail">${detail}</p>
      <p class="note">Foutcode ${status}, verzoek ${requestId}.</p>
      <p><a href="/">Naar de regio’s</a></p>`,
  );
}
