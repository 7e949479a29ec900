import { html, Html } from '../html';
import { notice } from './components';
import { page } from './layout';

export function loginPage(returnTo: string, error?: string): Html {
  return page(
    {
      title: 'Inloggen',
      lead: 'Plak uw Geldstroom-token (gst_…). Het wordt één keer gecontroleerd; daarna onthoudt deze browser alleen een sessie, nooit het token zelf.',
    },
    html`${error ? notice('error', error) : ''}
      <form method="post" action="/ui/login" class="login">
        <input type="hidden" name="terug" value="${returnTo}" />
        <label for="token">Token</label>
        <input id="token" name="token" type="password" autocomplete="off" spellcheck="false" required autofocus />
        <button type="submit">Inloggen</button>
      </form>
      <p class="note">
        Geen token? Een beheerder maakt er een met <code>geldstroom token create --actor NAAM --role controller</code>.
      </p>`,
  );
}
