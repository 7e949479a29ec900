import { DerivedDocument, DerivedDocuments } from './event-store.port';

/** Derived documents in process memory, beside a MemoryEventStore (tests, what-if replays). */
export class MemoryDerivedDocuments implements DerivedDocuments {
  private readonly documents = new Map<string, DerivedDocument>();
  private readonly checkpoints = new Map<string, bigint>();

  async get(kind: string, streamId: string, key: string): Promise<DerivedDocument | undefined> {
    return this.documents.get(slot(kind, streamId, key));
  }

  async getMany(kind: string, streamId: string, keys: readonly string[]): Promise<(DerivedDocument | undefined)[]> {
    return keys.map((key) => this.documents.get(slot(kind, streamId, key)));
  }

  async put(
    documents: readonly DerivedDocument[],
    replace?: { readonly streamIds: readonly string[]; readonly kinds: readonly string[] },
  ): Promise<boolean> {
    if (replace)
      for (const [at, document] of this.documents)
        if (replace.streamIds.includes(document.streamId) && replace.kinds.includes(document.kind))
          this.documents.delete(at);
    for (const document of documents)
      this.documents.set(slot(document.kind, document.streamId, document.key), document);
    return true;
  }

  async clear(kinds?: readonly string[]): Promise<void> {
    for (const [at, document] of this.documents)
      if (kinds === undefined || kinds.includes(document.kind)) this.documents.delete(at);
    this.checkpoints.clear();
  }

  async checkpoint(name: string): Promise<bigint | undefined> {
    return this.checkpoints.get(name);
  }

  async setCheckpoint(name: string, position: bigint): Promise<boolean> {
    this.checkpoints.set(name, position);
    return true;
  }
}

const slot = (kind: string, streamId: string, key: string) => JSON.stringify([kind, streamId, key]);
