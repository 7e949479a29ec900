import { Injectable } from '@nestjs/common';
import { invariant, RegionInfo, RegionState } from '@libs/domain';
import { buildStatement, LedgerEvent, Statement } from '@libs/projections';
import { readRegionView } from '../auth/region-access';
import { mayReadRegion, Principal } from '@libs/access';
import { notFound } from '../http/problem';
import { yearHasData } from '@libs/queries';
import { LedgerService } from '../ledger/ledger.service';
import { YearState } from './labels';
import { makeRoom } from './make-room';
import { inNameOrder } from './name-order';

export interface RegionPageData {
  readonly state: RegionState;
  /** the region as registered (a page of a region that is not registered answers 404 before it is built) */
  readonly region: RegionInfo;
  readonly ledgerHash: string | undefined;
  readonly events: readonly LedgerEvent[];
  /** the global position of the region's last event: where a live page starts following */
  readonly position: string;
  readonly years: number[];
  statement(year: number): Statement;
  /** what a page derives from this exact history (a rendered chart), kept until the history changes */
  memo<T>(name: string, build: () => T): T;
}

/** A region on the start page: registered, and readable by the principal who asked. */
export interface ReadableRegion {
  readonly regionId: string;
  readonly name: string;
  readonly region: RegionInfo;
  readonly state: RegionState;
}

const CACHE_SIZE = 64;
const DERIVED_CACHE_SIZE = 256;

/**
 * What the pages read, through the same ledger and the same read rule (permissions.ts) as the API.
 * Statements are kept per region, ledger hash and year: a page is rebuilt only when the history
 * changed.
 */
@Injectable()
export class UiReadService {
  private readonly statements = new Map<string, Statement>();
  private readonly derived = new Map<string, unknown>();

  constructor(readonly ledger: LedgerService) {}

  async readableRegions(principal: Principal): Promise<ReadableRegion[]> {
    const regions = [];
    for (const regionId of await this.ledger.ledger.regionIds()) {
      const state = await this.ledger.ledger.regionState(regionId);
      if (mayReadRegion(principal, regionId, state)) {
        const region = registeredRegion(state, regionId);
        regions.push({ regionId, name: region.name, region, state });
      }
    }
    return inNameOrder(regions);
  }

  /** The region as recorded now, for a principal who may read it (403/404 otherwise). */
  async region(principal: Principal, regionId: string): Promise<RegionPageData> {
    const { state, ledgerHash } = await readRegionView(this.ledger, principal, regionId);
    const events = await this.ledger.ledger.regionEvents(regionId);
    const position = events.reduce((last, event) => (event.position > last ? event.position : last), 0n);
    return {
      state,
      region: registeredRegion(state, regionId),
      ledgerHash,
      events,
      position: String(position),
      years: [...state.activeYears].sort((a, b) => a - b),
      statement: (year) => this.statement(state, ledgerHash, year),
      memo: <T>(name: string, build: () => T): T => {
        const key = `${regionId}\u0000${ledgerHash}\u0000${name}`;
        if (this.derived.has(key)) return this.derived.get(key) as T;
        const value = build();
        makeRoom(this.derived, DERIVED_CACHE_SIZE);
        this.derived.set(key, value);
        return value;
      },
    };
  }

  requireYear(data: RegionPageData, year: number): void {
    if (!yearHasData(data.state, year))
      throw notFound(`voor ${data.region.name} is in ${year} niets vastgelegd`, 'year');
  }

  private statement(state: RegionState, ledgerHash: string | undefined, year: number): Statement {
    const key = `${state.region?.regionId}\u0000${ledgerHash}\u0000${year}`;
    let statement = this.statements.get(key);
    if (!statement) {
      statement = { ...buildStatement(state, year), ...(ledgerHash ? { ledgerHash } : {}) };
      makeRoom(this.statements, CACHE_SIZE);
      this.statements.set(key, statement);
    }
    return statement;
  }
}

/** The region a ledger lists has its RegisterRegion as its first event: a region without one is a bug. */
function registeredRegion(state: RegionState, regionId: string): RegionInfo {
  invariant(state.region !== undefined, () => `region "${regionId}" is listed but not registered`);
  return state.region;
}

export function yearState(state: RegionState, year: number): YearState {
  if (state.closedYears.has(year)) return 'closed';
  return state.everClosedYears.has(year) ? 'reopened' : 'open';
}
