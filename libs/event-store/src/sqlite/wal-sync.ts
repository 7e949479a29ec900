import { closeSync, fdatasync, open } from 'node:fs';

/**
 * Makes the commits written to a SQLite file's write-ahead log durable, off the event loop.
 *
 * With synchronous=FULL SQLite syncs the log inside every commit, on the calling thread: for a
 * service that is one blocked event loop per group commit (measured: a quarter of its wall time under
 * concurrent POSTs), during which no other request is read or parsed. With synchronous=NORMAL a commit
 * only writes its frames to the log (checkpoints still sync the log before they copy it, so the file
 * never tears); this syncs the log on libuv's thread pool afterwards, and a caller is answered only
 * when the sync that began after its commit has finished — so an acknowledged append is as durable as
 * with FULL, while the next group is already being read and committed.
 *
 * The log stays the same file while any connection is open (SQLite deletes it only when the last
 * connection closes, and this store's connection is one), so its descriptor is opened once.
 */
export class WalSync {
  private fd: number | undefined;
  private inFlight = 0;
  private idle: (() => void)[] = [];

  constructor(private readonly walPath: string) {}

  /** Resolves when everything written to the log before this call is on the disk. */
  sync(): Promise<void> {
    this.inFlight += 1;
    return new Promise<void>((resolve, reject) => {
      const done = (error: NodeJS.ErrnoException | null) => {
        this.inFlight -= 1;
        if (this.inFlight === 0) for (const idle of this.idle.splice(0)) idle();
        if (error) reject(error);
        else resolve();
      };
      if (this.fd !== undefined) {
        fdatasync(this.fd, done);
        return;
      }
      open(this.walPath, 'r+', (error, fd) => {
        if (error) {
          done(error);
          return;
        }
        // two first syncs may both have opened it: one descriptor is kept
        if (this.fd === undefined) this.fd = fd;
        else closeSync(fd);
        fdatasync(this.fd, done);
      });
    });
  }

  /** After the syncs in flight have finished, closes the log's descriptor. */
  async close(): Promise<void> {
    if (this.inFlight > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
