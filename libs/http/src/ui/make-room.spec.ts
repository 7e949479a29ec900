import { makeRoom } from './make-room';

describe('makeRoom', () => {
  it('drops the oldest entries until one more fits, and nothing when there is room', () => {
    const map = new Map([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    makeRoom(map, 4);
    expect([...map.keys()]).toEqual(['a', 'b', 'c']);
    makeRoom(map, 3);
    expect([...map.keys()]).toEqual(['b', 'c']);
    map.set('a', 4);
    makeRoom(map, 2);
    expect([...map.keys()]).toEqual(['a']);
  });

  it('empties the map when it may hold nothing', () => {
    const map = new Map([['a', 1]]);
    makeRoom(map, 0);
    expect(map.size).toBe(0);
  });
});
