export * from './event-store.port';
export * from './event-store.errors';
export * from './memory-event-store';
export * from './sqlite-event-store';
export * from './catch-up-then-follow';
export * from './open-event-store';
