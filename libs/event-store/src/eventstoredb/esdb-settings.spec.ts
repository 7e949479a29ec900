import { EventStoreDBClient } from '@eventstore/db-client';
import { parseConnectionString } from '@eventstore/db-client/dist/Client/parseConnectionString';
import { EventStoreError } from '../event-store.errors';
import { DEFAULT_CONNECT_TIMEOUT_MS, ESDB_CLIENT_DEFAULTS, esdbSettings, redactUrl } from './esdb-settings';

describe('EventStoreDB connection settings', () => {
  it('makes every connection and deadline setting explicit, as the client itself reads them', () => {
    const settings = esdbSettings('esdb://localhost:2113?tls=false');
    const parsed = parseConnectionString(settings.connectionString);

    expect(parsed).toMatchObject({
      hosts: [{ address: 'localhost', port: 2113 }],
      tls: false,
      dnsDiscover: false,
      throwOnAppendFailure: true,
      ...ESDB_CLIENT_DEFAULTS,
    });
    expect(settings.deadlineMs).toBe(ESDB_CLIENT_DEFAULTS.defaultDeadline);
    expect(settings.connectTimeoutMs).toBe(DEFAULT_CONNECT_TIMEOUT_MS);
    expect(settings.discoveryBudgetMs).toBe(0);
    expect(settings.displayUrl).toBe('esdb://localhost:2113?tls=false');
  });

  it.each([
    ['kurrentdb://localhost:2113?tls=false', 'esdb://localhost:2113?', false, 1],
    ['kurrentdb://node1:2113,node2:2113,node3:2113?tls=false', 'esdb://node1:2113,node2:2113,node3:2113?', false, 3],
    ['kurrentdb+discover://cluster.example:2113?tls=false', 'esdb+discover://cluster.example:2113?', true, 1],
    ['esdb+discover://cluster.example:2113?tls=false', 'esdb+discover://cluster.example:2113?', true, 1],
  ])('reads %s and hands the client the form it knows', (url, prefix, dnsDiscover, hosts) => {
    const settings = esdbSettings(url);
    expect(settings.connectionString.startsWith(prefix)).toBe(true);
    const parsed = parseConnectionString(settings.connectionString);
    expect(parsed).toMatchObject({ tls: false, dnsDiscover });
    expect(parsed.hosts).toHaveLength(hosts);
    expect(settings.displayUrl).toBe(url);
  });

  it('lets opening a cluster wait out discovery, whose worst case follows from the discovery settings', () => {
    // three seeds: 3 rounds × (3 seeds × 1 s + 0.5 s)
    expect(esdbSettings('kurrentdb://a:2113,b:2113,c:2113?tls=false')).toMatchObject({
      discoveryBudgetMs: 10_500,
      connectTimeoutMs: 10_500 + DEFAULT_CONNECT_TIMEOUT_MS,
    });
    // one DNS name: 3 rounds × (1 s + 0.5 s)
    expect(esdbSettings('kurrentdb+discover://cluster:2113?tls=false').discoveryBudgetMs).toBe(4_500);
    const tuned = esdbSettings(
      'kurrentdb://a:2113,b:2113?maxDiscoverAttempts=2&gossip-timeout=2&discoveryInterval=100',
    );
    expect(tuned.discoveryBudgetMs).toBe(2 * (2 * 2_000 + 100));
    expect(esdbSettings('kurrentdb://a:2113,b:2113?connectTimeout=900').connectTimeoutMs).toBe(900);
    expect(() => esdbSettings('kurrentdb://a:2113,b:2113?gossipTimeout=0.5')).toThrow(
      'gossipTimeout must be a whole number of seconds, got "0.5"',
    );
  });

  it('keeps what the URL says, in whatever case it says it, and takes its own connectTimeout out', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const settings = esdbSettings(
        'esdb+discover://cluster.example:2113?tls=false&DefaultDeadline=2500&max-discover-attempts=7&connectTimeout=800',
      );
      const parsed = parseConnectionString(settings.connectionString);

      expect(parsed).toMatchObject({
        dnsDiscover: true,
        defaultDeadline: 2500,
        maxDiscoverAttempts: 7,
        discoveryInterval: ESDB_CLIENT_DEFAULTS.discoveryInterval,
      });
      expect(settings.connectionString.match(/deadline/gi)).toHaveLength(1);
      expect(settings.connectionString).not.toMatch(/connectTimeout/i);
      expect(settings.deadlineMs).toBe(2500);
      expect(settings.connectTimeoutMs).toBe(800);
      EventStoreDBClient.connectionString(settings.connectionString);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('never lets a URL turn thrown conflicts off', () => {
    const parsed = parseConnectionString(
      esdbSettings('esdb://a:2113,b:2113,c:2113?tls=false&throwOnAppendFailure=false').connectionString,
    );
    expect(parsed.throwOnAppendFailure).toBe(true);
    expect(parsed.hosts).toHaveLength(3);
  });

  it('refuses what is not an EventStoreDB URL, or a setting that is not a number, naming the URL without its password', () => {
    expect(() => esdbSettings('http://localhost:2113')).toThrow(/invalid EventStoreDB URL "http:\/\/localhost:2113"/);
    expect(() => esdbSettings('kurrent://localhost:2113')).toThrow(/expected kurrentdb:\/\/host:port/);
    expect(() => esdbSettings('esdb://admin:changeit@localhost:2113?connectTimeout=soon')).toThrow(
      'invalid EventStoreDB URL "esdb://admin:***@localhost:2113?connectTimeout=soon": connectTimeout must be a whole number of milliseconds, got "soon"',
    );
    expect(() => esdbSettings('esdb://localhost:2113?defaultDeadline=0')).toThrow(EventStoreError);
    expect(() => esdbSettings('esdb://localhost:2113?tls')).toThrow(/"tls" is not key=value/);
  });

  it('hides a password in URLs shown to people', () => {
    expect(redactUrl('esdb://admin:changeit@node1:2113,node2:2113?tls=true')).toBe(
      'esdb://admin:***@node1:2113,node2:2113?tls=true',
    );
    expect(redactUrl('esdb://node1:2113?tls=false')).toBe('esdb://node1:2113?tls=false');
  });
});
