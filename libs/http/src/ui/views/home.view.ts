import { Principal } from '@libs/access';
import { html, Html, path } from '../html';
import { YEAR_STATE_LABELS } from '../labels';
import { ReadableRegion, yearState } from '../ui-read.service';
import { page } from './layout';

/** The start page: the regions this user may see, with their years and how far each is. */
export function homePage(principal: Principal, regions: readonly ReadableRegion[]): Html {
  return page(
    { title: 'Regio’s', principal, lead: 'Kies een regio om de jaren, de geldstromen en de afrekening te zien.' },
    regions.length === 0
      ? html`<p>Er is geen regio die u mag inzien.</p>`
      : html`<ul class="cards">
          ${regions.map(({ regionId, name, region, state }) => {
            const years = [...state.activeYears].sort((a, b) => a - b);
            return html`<li class="card">
              <h2><a href="${path(['ui', 'regions', regionId])}">${name}</a></h2>
              <p class="note">${region.municipalities.length} gemeenten · ${regionId}</p>
              <ul class="year-list">
                ${years.map((year) => {
                  const status = yearState(state, year);
                  return html`<li>
                    <a href="${path(['ui', 'regions', regionId, year])}">${year}</a>
                    <span class="badge ${status}">${YEAR_STATE_LABELS[status]}</span>
                  </li>`;
                })}
              </ul>
            </li>`;
          })}
        </ul>`,
  );
}
