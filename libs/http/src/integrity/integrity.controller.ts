import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { fold } from '@libs/domain';
import { regionStream } from '@libs/event-store';
import { describeProblem, toDomainEvent, verifyStore } from '@libs/ledger';
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
      'Re-computes every event hash of the region from the store. 200 when intact (with the ledger hash; `unchained` counts events recorded before the hash chain existed); 409 HISTORY_BROKEN naming the first bad revision and what is wrong (edited, missing, reordered, inserted, unchained, unbalanced); 409 LEDGER_HASH_MISMATCH when `expect` is given and the ledger hash differs. Whoever may read the region may verify it.',
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
    const [report] = await this.ledger.track(() => verifyStore(this.ledger.store, params.regionId));
    if (!report) throw regionNotRegistered(params.regionId);
    if (report.problem) {
      throw new ProblemException({
        ...problem(409, 'HISTORY_BROKEN', describeProblem(report.problem)),
        regionId: report.regionId,
        revision: Number(report.problem.revision),
        fault: report.problem.fault,
      } as ReturnType<typeof problem>);
    }
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
}
