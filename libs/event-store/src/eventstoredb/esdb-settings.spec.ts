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
    expect(settings.displayUrl).toBe('esdb://localhost:2113?tls=false');
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
