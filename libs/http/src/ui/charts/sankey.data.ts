import { parseAccount, RegionInfo } from '@libs/domain';
import { accountLabel, memberName } from '../labels';
import { AccountFlow } from './year-flows';

/** The municipalities as one pair of nodes, or each member as its own pair. */
export type SankeyMode = 'summary' | 'members';

export interface SankeyNode {
  readonly id: string;
  readonly label: string;
  readonly accounts: string[];
}

export interface SankeyLink {
  readonly source: string;
  readonly target: string;
  readonly amount: bigint;
  readonly via: string[];
  /** the account flows drawn as this link */
  readonly flows: AccountFlow[];
}

export interface SankeyData {
  readonly nodes: SankeyNode[];
  readonly links: SankeyLink[];
  /** a Sankey needs flows without cycles; when the year's flows have one, only the table is shown */
  readonly acyclic: boolean;
}

/** The municipality an account belongs to, if it is one's (read by the domain's one account parser). */
function memberOf(account: string): string | undefined {
  const ref = parseAccount(account);
  return ref?.kind === 'municipality' ? ref.code : undefined;
}

/**
 * The year's flows as a Sankey: a municipality pays from one node (its contributions, replenishments,
 * spending, solidarity paid) and receives at another (Rijk money, shares, settlements, payouts,
 * solidarity received), so that money runs left to right without cycles; every other account is one
 * node. Links between the same two nodes are added up.
 */
export function sankeyData(
  flows: readonly AccountFlow[],
  region: RegionInfo | undefined,
  mode: SankeyMode,
): SankeyData {
  const nodes = new Map<string, SankeyNode>();
  const nodeOf = (account: string, side: 'pays' | 'receives'): string => {
    const member = memberOf(account);
    let id: string;
    let label: string;
    if (member && mode === 'summary') {
      id = `gemeenten:${side}`;
      label = side === 'pays' ? 'Gemeenten (betalen)' : 'Gemeenten (ontvangen)';
    } else if (member) {
      id = `${member}:${side}`;
      label = `${memberName(region, member)} ${side === 'pays' ? 'betaalt' : 'ontvangt'}`;
    } else {
      id = account;
      label = accountLabel(account, region);
    }
    const node = nodes.get(id) ?? { id, label, accounts: [] };
    if (!node.accounts.includes(account)) node.accounts.push(account);
    nodes.set(id, node);
    return id;
  };
  const links = new Map<string, SankeyLink>();
  for (const flow of flows) {
    const source = nodeOf(flow.from, 'pays');
    const target = nodeOf(flow.to, 'receives');
    const key = `${source}\u0000${target}`;
    const link = links.get(key);
    if (!link) {
      links.set(key, { source, target, amount: flow.amount, via: [...flow.via], flows: [flow] });
      continue;
    }
    links.set(key, {
      ...link,
      amount: link.amount + flow.amount,
      via: [...new Set([...link.via, ...flow.via])].sort(),
      flows: [...link.flows, flow],
    });
  }
  const linkList = [...links.values()];
  return { nodes: [...nodes.values()], links: linkList, acyclic: isAcyclic(linkList) };
}

function isAcyclic(links: readonly SankeyLink[]): boolean {
  const next = new Map<string, string[]>();
  for (const link of links) next.set(link.source, [...(next.get(link.source) ?? []), link.target]);
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (node: string): boolean => {
    if (state.get(node) === 'done') return true;
    if (state.get(node) === 'visiting') return false;
    state.set(node, 'visiting');
    for (const target of next.get(node) ?? []) if (!visit(target)) return false;
    state.set(node, 'done');
    return true;
  };
  return [...next.keys()].every(visit);
}
