import type { AddressInfo } from 'node:net';

/** Addresses that mean "every interface": no client connects to them, so the URL names this machine. */
const WILDCARDS: ReadonlySet<string> = new Set(['0.0.0.0', '::']);

/**
 * The address the server is bound to, as the banner, the log and the OpenAPI document's default
 * contact show it: `http://127.0.0.1:3000`, `http://[::1]:3000`; a wildcard bind (every interface)
 * is named `localhost`, the only name sure to reach it.
 */
export function boundAddress(address: AddressInfo): {
  url: string;
  host: string;
  port: number;
  everyInterface: boolean;
} {
  const host = address.address;
  const everyInterface = WILDCARDS.has(host);
  const shown = everyInterface ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return { url: `http://${shown}:${address.port}`, host, port: address.port, everyInterface };
}
