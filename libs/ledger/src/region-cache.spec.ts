import { RegionState } from '@libs/domain/model';
import { ChainCheck } from './integrity';
import { CachedRegion, estimatedBytes, RegionCache } from './region-cache';

/** A region whose state holds `facts` facts of `contentLength` characters each, one event per fact. */
function region(streamId: string, facts: number, contentLength: number): CachedRegion {
  const state = new RegionState();
  for (let index = 0; index < facts; index += 1) state.facts.set(`cost:${index}`, 'x'.repeat(contentLength));
  state.eventCount = facts;
  return { streamId, state, revision: BigInt(facts - 1), chain: new ChainCheck(streamId), local: [] };
}

describe('RegionCache', () => {
  it('estimates a state by its facts’ texts and a fixed amount per event', () => {
    const small = region('region-a', 10, 100);
    // identities "cost:0".."cost:9" are 6 characters each
    expect(estimatedBytes(small.state)).toBe(10 * (6 + 100) + 10 * 160);
  });

  it('lets go of the least recently used regions once their bytes exceed the budget, whatever their events', () => {
    const perRegion = estimatedBytes(region('region-x', 100, 1000).state);
    const cache = new RegionCache({ events: Infinity, bytes: 2 * perRegion });
    for (const streamId of ['region-a', 'region-b', 'region-c']) cache.set(region(streamId, 100, 1000));
    cache.get('region-a');
    cache.trim('region-c');
    // region-b was used least recently
    expect([...cache.values()].map((held) => held.streamId)).toEqual(['region-c', 'region-a']);
  });

  it('keeps the order of use through repeated asks for the newest, lets go, and regions set again', () => {
    const cache = new RegionCache({ events: Infinity, bytes: Infinity });
    const order = () => [...cache.values()].map((held) => held.streamId);
    for (const streamId of ['region-a', 'region-b', 'region-c']) cache.set(region(streamId, 1, 1));
    cache.get('region-c');
    cache.get('region-a');
    cache.get('region-a');
    expect(order()).toEqual(['region-b', 'region-c', 'region-a']);
    cache.delete('region-a');
    cache.get('region-b');
    expect(order()).toEqual(['region-c', 'region-b']);
    cache.set(region('region-a', 1, 1));
    cache.get('region-c');
    cache.get('region-c');
    expect(order()).toEqual(['region-b', 'region-a', 'region-c']);
    cache.clear();
    cache.set(region('region-c', 1, 1));
    cache.set(region('region-b', 1, 1));
    cache.get('region-c');
    expect(order()).toEqual(['region-b', 'region-c']);
  });

  it('keeps a region with facts of the same count but small texts that the byte budget holds', () => {
    const large = estimatedBytes(region('region-x', 100, 1000).state);
    const cache = new RegionCache({ events: Infinity, bytes: large });
    for (const streamId of ['region-a', 'region-b', 'region-c']) cache.set(region(streamId, 100, 10));
    cache.trim('region-c');
    expect(cache.get('region-a')).toBeDefined();
    expect(cache.get('region-b')).toBeDefined();
  });

  it('estimates a region again once events were folded into it, and never lets go of one with local events', () => {
    const cache = new RegionCache({ events: Infinity, bytes: 3 * estimatedBytes(region('x', 100, 100).state) });
    const growing = region('region-a', 100, 100);
    cache.set(growing);
    cache.set(region('region-b', 100, 100));
    cache.trim('region-b');
    expect(cache.get('region-a')).toBe(growing);
    for (let index = 100; index < 400; index += 1) growing.state.facts.set(`cost:${index}`, 'x'.repeat(100));
    growing.state.eventCount = 400;
    cache.trim('region-b');
    expect(cache.get('region-a')).toBeUndefined();

    const holding = region('region-c', 400, 100);
    holding.local.push(...([{}] as CachedRegion['local']));
    cache.set(holding);
    cache.set(region('region-d', 100, 100));
    cache.trim('region-d');
    expect(cache.get('region-c')).toBe(holding);
  });

  it('extrapolates a state that grew a little since it was estimated, and estimates it again once it grew by more', () => {
    const growing = region('region-a', 1000, 100);
    const perEvent = estimatedBytes(growing.state) / 1000;
    const cache = new RegionCache({ events: Infinity, bytes: Infinity });
    cache.set(growing);
    cache.trim('region-b');
    expect(growing.size).toEqual({ eventCount: 1000, bytes: 1000 * perEvent });
    // 50 events of much larger facts: within the eighth, the estimate goes on at the old bytes per event
    for (let index = 1000; index < 1050; index += 1) growing.state.facts.set(`cost:${index}`, 'x'.repeat(10_000));
    growing.state.eventCount = 1050;
    const tight = new RegionCache({ events: Infinity, bytes: 1050 * perEvent + 1 });
    tight.set(growing);
    tight.trim('region-b');
    expect(tight.get('region-a')).toBe(growing);
    // past the eighth it is estimated from its facts again, and no longer fits
    for (let index = 1050; index < 1200; index += 1) growing.state.facts.set(`cost:${index}`, 'x'.repeat(100));
    growing.state.eventCount = 1200;
    tight.trim('region-b');
    expect(tight.get('region-a')).toBeUndefined();
    expect(growing.size).toEqual({ eventCount: 1200, bytes: estimatedBytes(growing.state) });
  });
});
