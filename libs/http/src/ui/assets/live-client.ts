/**
 * The pages' one script (served as /ui/assets/live.js): an open page listens to its region's event
 * stream and, when new events are recorded, fetches itself again and swaps the content in place, so
 * it changes without a reload. Pages work without it; it only keeps them current.
 */
export const LIVE_CLIENT = `(function () {
  'use strict';
  var body = document.body;
  var url = body.getAttribute('data-live');
  if (!url || typeof EventSource === 'undefined') return;
  var position = body.getAttribute('data-position') || '';
  var refreshing = false;
  var again = false;
  var source;

  function status(text) {
    var element = document.querySelector('[data-live-status]');
    if (element) element.textContent = text;
  }

  function time() {
    return new Date().toLocaleTimeString('nl-NL', { timeZone: 'Europe/Amsterdam' });
  }

  function refresh(count) {
    if (refreshing) { again = true; return; }
    refreshing = true;
    fetch(location.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (response) { if (!response.ok) throw new Error(String(response.status)); return response.text(); })
      .then(function (text) {
        var next = new DOMParser().parseFromString(text, 'text/html');
        var main = document.getElementById('inhoud');
        var fresh = next.getElementById('inhoud');
        if (!main || !fresh) return;
        var open = Array.prototype.map.call(main.querySelectorAll('details[open]'), function (d) { return d.id || ''; });
        main.innerHTML = fresh.innerHTML;
        open.forEach(function (id) { if (id) { var d = document.getElementById(id); if (d) d.open = true; } });
        var nextPosition = next.body.getAttribute('data-position');
        if (nextPosition) body.setAttribute('data-position', nextPosition);
        body.setAttribute('data-refreshed', String(Number(body.getAttribute('data-refreshed') || '0') + 1));
        status('Bijgewerkt om ' + time() + ': ' + count + ' nieuwe gebeurtenis' + (count === 1 ? '' : 'sen') + ' vastgelegd.');
      })
      .catch(function () { status('Nieuwe gegevens vastgelegd; ververs de pagina om ze te zien.'); })
      .then(function () { refreshing = false; if (again) { again = false; refresh(count); } });
  }

  function connect() {
    source = new EventSource(url + (position ? '?na=' + encodeURIComponent(position) : ''));
    source.addEventListener('vastgelegd', function (event) {
      var data = {};
      try { data = JSON.parse(event.data); } catch (e) { data = {}; }
      refresh(data.events || 1);
    });
    source.addEventListener('open', function () { body.setAttribute('data-live-connected', 'true'); });
    source.addEventListener('error', function () {
      if (source.readyState === EventSource.CLOSED) {
        body.setAttribute('data-live-connected', 'false');
        setTimeout(connect, 30000);
      }
    });
  }

  window.addEventListener('pagehide', function () { if (source) source.close(); });
  connect();
})();
`;
