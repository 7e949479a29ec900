import { fmt } from './fraction';
import { at, ReferenceRegion, Scheme, sumOf } from './region';

/** The year statement of interface.md §3, from the reference's lines. */
export function referenceStatement(region: ReferenceRegion, year: number): Record<string, unknown> {
  const y = region.rec(year);
  const codes = region.members.map((m) => m.code).sort();
  return {
    regionId: region.regionId,
    year,
    closed: y.closed,
    bw: schemeLines(region, year, 'BW'),
    mo: schemeLines(region, year, 'MO'),
    reserve: reserveLines(region, year),
    solidarity:
      region.agreement(region.solidarityAgreements, year) && y.everClosed
        ? {
            volume: fmt(-[...(y.solidarity?.values() ?? [])].filter((v) => v < 0n).reduce((s, v) => s + v, 0n)),
            transfers: Object.fromEntries(codes.map((m) => [m, fmt(at(y.solidarity, m))])),
          }
        : null,
    municipalities: Object.fromEntries(codes.map((m) => [m, municipalityLines(region, year, m)])),
  };
}

function schemeLines(region: ReferenceRegion, year: number, scheme: Scheme) {
  const y = region.rec(year);
  const co = region.sum('RecordCoPayment', year, scheme);
  const costs = region.sum('RecordRegionalCost', year, scheme);
  const skim = scheme === 'BW' ? y.skimBW : y.skimMO;
  const contributions = scheme === 'BW' ? sumOf(y.contrib) : 0n;
  const head =
    scheme === 'BW'
      ? {
          rijkHistorical: fmt(region.H(year)),
          skimmed: fmt(skim),
          distributed: fmt(sumOf(y.distBW)),
          contributions: fmt(contributions),
        }
      : { rijkRegional: fmt(region.M(year)), skimmed: fmt(skim), distributed: fmt(sumOf(y.distMO)) };
  return {
    ...head,
    coPayments: fmt(co),
    costs: fmt(costs),
    result: fmt(skim + contributions + co - costs),
    toReserve: fmt(y.toReserve[scheme]),
    settledWithMunicipalities: fmt(sumOf(y.settled[scheme])),
  };
}

function reserveLines(region: ReferenceRegion, year: number) {
  const y = region.rec(year);
  const ra = region.agreement(region.reserveAgreements, year);
  const openingInYear = region.opening?.year === year ? region.opening.amount : 0n;
  const fromResults = y.toReserve.BW + y.toReserve.MO;
  const replenished = sumOf(y.replenished.BW) + sumOf(y.replenished.MO);
  const paidOut = sumOf(y.paidOut.BW) + sumOf(y.paidOut.MO);
  const toFunds = y.excessToFund + region.sum('TransferReserveToFund', year);
  const closing = region.reserveUpTo(year);
  const quiet = !openingInYear && !fromResults && !replenished && !paidOut && !toFunds && !closing;
  if (!ra && quiet) return null;
  const band = ra ? region.band(ra, year) : undefined;
  return {
    opening: fmt(region.reserveUpTo(year - 1) + openingInYear),
    fromResults: fmt(fromResults),
    replenished: fmt(replenished),
    paidOut: fmt(paidOut),
    toFunds: fmt(toFunds),
    closing: fmt(closing),
    min: band ? fmt(band.min) : null,
    max: band ? fmt(band.max) : null,
  };
}

function municipalityLines(region: ReferenceRegion, year: number, m: string) {
  const y = region.rec(year);
  const expenditure = (scheme: Scheme) =>
    -region
      .list('RecordLocalExpenditure', year, scheme)
      .filter((e) => e.m === m)
      .reduce((s, e) => s + e.care + e.exec, 0n);
  const advances = (scheme: Scheme) => region.sum('RecordAdvance', year, scheme, m);
  const funds = (scheme: Scheme) => region.sum('RecordFundSpending', year, scheme, m);
  const reserve = (scheme: Scheme) => at(y.paidOut[scheme], m) - at(y.replenished[scheme], m);
  const bwN =
    at(y.distBW, m) - at(y.contrib, m) + at(y.settled.BW, m) + reserve('BW') + funds('BW') + at(y.solidarity, m);
  const moN = at(y.distMO, m) + at(y.settled.MO, m) + reserve('MO') + funds('MO');
  const bwDue = bwN + advances('BW');
  const moDue = moN + advances('MO');
  return {
    name: region.members.find((x) => x.code === m)?.name,
    due: fmt(bwDue + moDue),
    bw: {
      rijkObjective: fmt(region.rijk(year, 'BW', m)),
      historicalShare: fmt(at(y.distBW, m)),
      regionalContribution: fmt(-at(y.contrib, m)),
      regionalSettlement: fmt(at(y.settled.BW, m)),
      reserve: fmt(reserve('BW')),
      funds: fmt(funds('BW')),
      solidarity: fmt(at(y.solidarity, m)),
      expenditure: fmt(expenditure('BW')),
      result: fmt(region.rijk(year, 'BW', m) + bwN + expenditure('BW')),
      advances: fmt(advances('BW')),
      due: fmt(bwDue),
    },
    mo: {
      rijk: fmt(region.rijk(year, 'MO', m)),
      regionalShare: fmt(at(y.distMO, m)),
      regionalSettlement: fmt(at(y.settled.MO, m)),
      reserve: fmt(reserve('MO')),
      funds: fmt(funds('MO')),
      expenditure: fmt(expenditure('MO')),
      result: fmt(region.rijk(year, 'MO', m) + moN + expenditure('MO')),
      advances: fmt(advances('MO')),
      due: fmt(moDue),
    },
  };
}
