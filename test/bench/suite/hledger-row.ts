import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lastJson, median, ProcessRun, runOk } from '../measure';
import { fig, ratioText, Row, skippedRow } from '../rows';
import { node, SuiteContext, worker } from './context';
import { GOALS } from './goals';

export const BALANCES_WHAT = 'balances of every region and year vs hledger balance on the exported journals, CPU';

export function balancesAgainstHledger(context: SuiteContext, store: string): Row {
  const what = BALANCES_WHAT;
  const goal = GOALS.hledger.text;
  if (!context.hledger)
    return skippedRow('balances-hledger', what, goal, 'hledger is not installed (apt-get install hledger)');
  context.log('balances of every region and year, and hledger on the exported journals');
  const journals = join(context.diskDir, `${context.set.label}-journals`);
  const exported = lastJson(runOk(node, [worker(context, 'workers/product-work.js'), 'journals', store, journals])) as {
    outputs: number;
  };
  const productRuns: ProcessRun[] = [];
  const hledgerCpu: number[] = [];
  for (let rep = 0; rep < context.reps; rep += 1) {
    productRuns.push(runOk(node, [worker(context, 'workers/product-work.js'), 'balances', store]));
    let cpu = 0;
    for (const regionId of context.set.regionIds) {
      const journal = join(journals, `${regionId}.journal`);
      if (!existsSync(journal)) throw new Error(`no journal for ${regionId}`);
      // one report per region: every account's balance in every year (-Y), as the product computes them
      cpu += runOk(context.hledger, ['balance', '-f', journal, '-Y']).cpuMs;
    }
    hledgerCpu.push(cpu);
  }
  const product = {
    cpuMs: median(productRuns.map((run) => run.cpuMs)),
    wallMs: median(productRuns.map((run) => run.wallMs)),
  };
  const peer = median(hledgerCpu);
  const crossCheck = sameBalances(context, store, journals);
  return {
    id: 'balances-hledger',
    what,
    product: fig.seconds(product.cpuMs),
    peer: { name: `hledger balance -Y, ${exported.outputs} journals`, ...fig.seconds(peer) },
    ratio: ratioText.faster(product.cpuMs, peer),
    goal,
    met: peer / product.cpuMs >= GOALS.hledger.ratio,
    details: {
      productWallMs: product.wallMs,
      productRuns: productRuns.map((run) => run.cpuMs),
      hledgerRuns: hledgerCpu,
      crossCheck,
    },
  };
}

/**
 * The comparison is fair only if both compute the same thing: the product's balances of one region and
 * year (`geldstroom balances`) must equal hledger's on the exported journal, account by account.
 */
function sameBalances(context: SuiteContext, store: string, journals: string) {
  const regionId = context.set.regionIds[0];
  const year = context.set.lastYear;
  const product = JSON.parse(
    runOk(node, [context.bin, 'balances', '--region', regionId, '--year', String(year), '--store', `sqlite:${store}`])
      .stdout,
  ) as { accounts: Record<string, string> };
  const csv = runOk(context.hledger!, [
    'balance',
    '-f',
    join(journals, `${regionId}.journal`),
    '-p',
    String(year),
    '-O',
    'csv',
  ]).stdout;
  const hledger: Record<string, string> = {};
  for (const line of csv.trim().split('\n').slice(1)) {
    const [account, amount] = line.split(',').map((cell) => cell.replace(/^"|"$/g, ''));
    if (account !== 'total') hledger[account] = amount.replace(/ EUR$/, '');
  }
  const accounts = [...new Set([...Object.keys(product.accounts), ...Object.keys(hledger)])];
  const differing = accounts.filter((account) => (product.accounts[account] ?? '0') !== (hledger[account] ?? '0'));
  if (differing.length > 0)
    throw new Error(`hledger and the product disagree on ${regionId} ${year}: ${differing.slice(0, 3).join(', ')}`);
  return { regionId, year, accounts: accounts.length, agree: true };
}
