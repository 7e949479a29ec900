import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { fold } from '@libs/domain';
import { regionStream } from '@libs/event-store';
import { ChainReport, describeProblem, toDomainEvent, verifyContains, verifyStore } from '@libs/ledger';
import { Principal } from '../auth/principal.decorator';
import { requireReadable } from '../auth/region-access';
import { RegionParamsDto } from '../dto/region-year.params.dto';
import { VerifyQueryDto } from '../dto/verify.query.dto';
import { problem, ProblemException } from '../http/problem';
import { regionNotRegistered } from '@libs/queries';
import { LedgerService } from '../ledger/ledger.service';
import { ApiProblems } from '../openapi/api-problems.decorator';

/** `geldstroom verify` over HTTP: the region's hash chain, revisions and postings, read afresh from the store. */
@ApiTags('integrity')
@ApiBearerAuth()
@Controller('api/v1/regions/:regionId/verify')
export class IntegrityController {
  constructor(private readonly ledger: LedgerService) {}

  @Get()
  @ApiOperation({
    summary: "Verify a region's recorded history: hash chain, contiguous revisions, postings that sum to zero",
    description:
      'Re-computes every event hash of the region from the store. 200 when intact (with the ledger hash; `unchained` counts events recorded before the hash chain existed); 409 HISTORY_BROKEN naming the first bad revision and what is wrong (edited, missing, reordered, inserted, unchained, unbalanced); 409 LEDGER_HASH_MISMATCH when `expect` is given and the ledger hash differs. `contains` asks for a hash printed earlier (on a letter): 200 with `contains` naming after which event of how many the chain had that head and when that event was recorded; 409 LEDGER_HASH_NOT_IN_CHAIN when the intact chain never had it. `expect` and `contains` exclude each other. Whoever may read the region may verify it.',
  })
  @ApiOkResponse({
    schema: {
      example: {
        regionId: 'holland-rijnland',
        intact: true,
        events: 57,
        unchained: 0,
        ledgerHash: '6c1b4f0e9d2a…',
      },
    },
  })
  @ApiProblems(400, 401, 403, 404, 409, 503)
  async verify(@Principal() principal: Principal, @Param() params: RegionParamsDto, @Query() query: VerifyQueryDto) {
    // who may read the region may verify it; membership comes from its registration, since the rest of
    // the history may be what is broken (and the ledger refuses to fold a broken region)
    const [first] = await this.ledger.store.readStream(regionStream(params.regionId), { maxCount: 1 });
    if (!first) throw regionNotRegistered(params.regionId);
    requireReadable(
      principal,
      params.regionId,
      first.type === 'RegionRegistered' ? fold([toDomainEvent(first)]) : undefined,
    );
    if (query.contains !== undefined && query.expect !== undefined)
      throw new ProblemException(
        problem(400, 'INVALID_FIELD', 'expect and contains exclude each other: the head, or any hash of the chain', {
          field: 'contains',
        }),
      );
    if (query.contains !== undefined) return this.contains(params.regionId, query.contains);
    const [report] = await this.ledger.track(() => verifyStore(this.ledger.store, params.regionId));
    if (!report) throw regionNotRegistered(params.regionId);
    brokenHistory(report);
    const expected = query.expect;
    if (expected !== undefined && expected !== report.ledgerHash) {
      throw new ProblemException({
        ...problem(
          409,
          'LEDGER_HASH_MISMATCH',
          `region ${report.regionId}: the ledger hash is ${report.ledgerHash}, not the expected ${expected}: this history is not the one that hash pins`,
          { field: 'expect' },
        ),
        regionId: report.regionId,
        ledgerHash: report.ledgerHash,
      } as ReturnType<typeof problem>);
    }
    return {
      regionId: report.regionId,
      intact: true,
      events: report.events,
      unchained: report.unchained,
      ledgerHash: report.ledgerHash,
    };
  }

  /** Whether a hash printed earlier is a head the region's intact chain had. */
  private async contains(regionId: string, hash: string) {
    const found = await this.ledger.track(() => verifyContains(this.ledger.store, regionId, hash));
    if (!found) throw regionNotRegistered(regionId);
    brokenHistory(found.report);
    const { report, point } = found;
    if (!point)
      throw new ProblemException({
        ...problem(
          409,
          'LEDGER_HASH_NOT_IN_CHAIN',
          `region ${regionId}: hash ${hash} is not in its chain (${report.events} events, ledger hash ${report.ledgerHash}): the document was not made from this history`,
          { field: 'contains' },
        ),
        regionId,
        ledgerHash: report.ledgerHash,
      } as ReturnType<typeof problem>);
    return {
      regionId,
      intact: true,
      events: report.events,
      unchained: report.unchained,
      ledgerHash: report.ledgerHash,
      contains: { ...point, current: point.event === point.of },
    };
  }
}

/** A broken history answers 409 HISTORY_BROKEN, naming the first bad revision. */
function brokenHistory(report: ChainReport): void {
  if (!report.problem) return;
  throw new ProblemException({
    ...problem(409, 'HISTORY_BROKEN', describeProblem(report.problem)),
    regionId: report.regionId,
    revision: Number(report.problem.revision),
    fault: report.problem.fault,
  } as ReturnType<typeof problem>);
}
