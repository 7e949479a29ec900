/**
 * Tells the subscriptions of one store that something was appended. A plain listener set rather than an
 * rxjs Subject: rxjs is some 220 modules (about 50 ms to load), and a command that only reads or
 * appends never subscribes, so it loads rxjs only when a subscription is made (catchUpThenFollow).
 */
export class AppendSignal {
  private readonly listeners = new Set<() => void>();
  private completed = false;

  next(): void {
    for (const listener of [...this.listeners]) listener();
  }

  complete(): void {
    this.completed = true;
    this.listeners.clear();
  }

  subscribe(listener: () => void): { unsubscribe(): void } {
    if (!this.completed) this.listeners.add(listener);
    return { unsubscribe: () => void this.listeners.delete(listener) };
  }
}
