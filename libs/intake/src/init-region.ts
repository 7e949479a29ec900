import { Command, CommandType, DomainError, parseCommand } from '@libs/domain';
import { CommandRejected, Ledger, runCommands } from '@libs/ledger';
import { IntakeError, IntakeIssue, issue } from './intake.errors';
import { decimalOfText } from './number-forms';
import { csvRecords } from './read-csv';
import { REASONS } from './reasons';
import { refusalReason } from './refusals';
import { nameKey } from './sheets';
import { columnLetter } from './sheet-rows';

export interface NewRegion {
  readonly regionId: string;
  readonly name: string;
  readonly centralMunicipality: string;
  /** the members file: a header row with code and naam, optionally one column per key (its id) */
  readonly membersFile: string;
  readonly data: Buffer;
  /** the first year the keys are valid; needed when the file has key columns */
  readonly validFrom?: number;
  readonly unit?: 'percent' | 'weight';
  readonly keyVersion?: number;
  readonly basis?: string;
}

export interface PlannedCommand {
  readonly command: Command;
  readonly source: string;
  /** where a refusal of the command belongs in the input */
  readonly locate: (error: DomainError) => IntakeIssue;
}

const CODE_HEADERS = ['code', 'cbscode', 'gemeentecode'];
const NAME_HEADERS = ['naam', 'name', 'gemeente', 'gemeentenaam'];

/** A key column of the members file: its id (the header), where it is, and the weights read per municipality code. */
interface KeyColumn {
  readonly keyId: string;
  readonly index: number;
  readonly weights: Record<string, string>;
}

/** The members file's header: the row it is on and its columns. */
interface MembersHeader {
  readonly headerIndex: number;
  readonly codeColumn: number;
  readonly nameColumn: number;
  readonly keyColumns: readonly KeyColumn[];
}

interface Member {
  readonly row: number;
  readonly code: string;
  readonly name: string;
}

/**
 * The commands that set up a region from a members file (CSV, `;` or `,`): RegisterRegion and one
 * AdoptDistributionKey per key column — through the domain's parser, errors at their row and column.
 */
export function newRegionCommands(region: NewRegion): PlannedCommand[] {
  const records = csvRecords(region.membersFile, undefined, region.data);
  const header = membersHeader(region, records);
  const members = membersOf(region.membersFile, records, header);
  return plannedCommands(region, members, header.keyColumns);
}

/** Finds the header row and its code, name and key columns; refuses a header the file cannot be read by. */
function membersHeader(region: NewRegion, records: readonly string[][]): MembersHeader {
  const file = region.membersFile;
  const headerIndex = records.findIndex((record) => record.some((field) => field.trim() !== ''));
  if (headerIndex < 0) throw new IntakeError([issue({ file }, REASONS.membersEmpty)]);
  const headerRow = headerIndex + 1;
  const headers = records[headerIndex].map((field) => field.trim());
  const codeColumn = headers.findIndex((header) => CODE_HEADERS.includes(nameKey(header)));
  const nameColumn = headers.findIndex((header) => NAME_HEADERS.includes(nameKey(header)));
  const issues: IntakeIssue[] = [];
  if (codeColumn < 0)
    issues.push(issue({ file, row: headerRow, column: 'code' }, REASONS.membersCodeAbsent, 'MISSING_FIELD'));
  if (nameColumn < 0)
    issues.push(issue({ file, row: headerRow, column: 'naam' }, REASONS.membersNameAbsent, 'MISSING_FIELD'));
  // columns with the same header share their weights, as the key they name is one key
  const weightsOfKey = new Map<string, Record<string, string>>();
  const keyColumns = headers
    .map((header, index) => ({ keyId: header, index }))
    .filter(({ index }) => index !== codeColumn && index !== nameColumn)
    .map(({ keyId, index }): KeyColumn => {
      const weights = weightsOfKey.get(keyId) ?? {};
      weightsOfKey.set(keyId, weights);
      return { keyId, index, weights };
    });
  for (const { keyId, index } of keyColumns) {
    if (keyId === '')
      issues.push(
        issue({ file, row: headerRow, column: columnLetter(index) }, REASONS.keyColumnWithoutHeader, 'UNKNOWN_FIELD'),
      );
    else if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(keyId))
      issues.push(issue({ file, row: headerRow, column: keyId }, REASONS.unknownMembersColumn, 'UNKNOWN_FIELD'));
  }
  if (keyColumns.length > 0 && region.validFrom === undefined)
    issues.push(
      issue({ file, row: headerRow, column: keyColumns[0].keyId }, REASONS.keyColumnsNeedYear, 'MISSING_FIELD'),
    );
  if (issues.length > 0) throw new IntakeError(issues);
  return { headerIndex, codeColumn, nameColumn, keyColumns };
}

/** The municipalities below the header; their weights go into the key columns. Every bad weight refused at once. */
function membersOf(file: string, records: readonly string[][], header: MembersHeader): Member[] {
  const { headerIndex, codeColumn, nameColumn, keyColumns } = header;
  const issues: IntakeIssue[] = [];
  const members: Member[] = [];
  records.forEach((record, index) => {
    const row = index + 1;
    if (index <= headerIndex || record.every((field) => field.trim() === '')) return;
    const code = (record[codeColumn] ?? '').trim().toUpperCase();
    members.push({ row, code, name: (record[nameColumn] ?? '').trim() });
    for (const { keyId, index: column, weights } of keyColumns) {
      const cell = (record[column] ?? '').trim();
      if (cell === '') {
        issues.push(issue({ file, row, column: keyId }, REASONS.weightEmpty, 'MISSING_FIELD'));
        continue;
      }
      const converted = decimalOfText(cell);
      if ('reason' in converted) issues.push(issue({ file, row, column: keyId }, converted.reason));
      else weights[code] = converted.value;
    }
  });
  if (issues.length > 0) throw new IntakeError(issues);
  return members;
}

/** The CLI option each command field comes from, for refusals that belong to no row of the file. */
const FIELD_OPTIONS: Readonly<Record<string, string>> = {
  regionId: '--region',
  name: '--name',
  centralMunicipality: '--central',
  validFrom: '--year',
  version: '--key-version',
  unit: '--unit',
  basis: '--basis',
};

/**
 * Where a refusal of a planned command belongs: a municipality's row and column, a weight's row in its
 * key column, or the command-line option the field came from.
 */
function refusalPlace(
  file: string,
  members: readonly Member[],
  error: DomainError,
  raw: Record<string, unknown>,
  keyId?: string,
): IntakeIssue {
  const field = error.field ?? '';
  const reason = refusalReason(error, {
    command: raw.command as CommandType,
    values: raw,
    percentHint: 'zijn het gewichten, geef dan --unit weight',
  });
  const at = (where: { file: string; row?: number; column: string }) => issue(where, reason, error.code, error.reason);
  const member = /^municipalities\[(\d+)\]\.(code|name)/.exec(field);
  if (member) return at({ file, row: members[Number(member[1])]?.row, column: member[2] === 'code' ? 'code' : 'naam' });
  const weight = /^weights\.(.+)$/.exec(field);
  if (weight && keyId) return at({ file, row: members.find((m) => m.code === weight[1])?.row, column: keyId });
  return at({ file, column: FIELD_OPTIONS[field] ?? keyId ?? field });
}

/** RegisterRegion and one AdoptDistributionKey per key column, parsed; every parser refusal at its place at once. */
function plannedCommands(region: NewRegion, members: readonly Member[], keyColumns: readonly KeyColumn[]) {
  const file = region.membersFile;
  const issues: IntakeIssue[] = [];
  const planned: PlannedCommand[] = [];
  const place = (error: DomainError, raw: Record<string, unknown>, keyId?: string) =>
    refusalPlace(file, members, error, raw, keyId);
  const plan = (raw: Record<string, unknown>, source: string, keyId?: string) => {
    try {
      planned.push({ command: parseCommand(raw), source, locate: (error) => place(error, raw, keyId) });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      for (const found of error.issues.length > 0 ? error.issues : [error]) issues.push(place(found, raw, keyId));
    }
  };
  plan(
    {
      command: 'RegisterRegion',
      regionId: region.regionId,
      name: region.name,
      centralMunicipality: region.centralMunicipality.toUpperCase(),
      municipalities: members.map(({ code, name }) => ({ code, name })),
    },
    file,
  );
  for (const { keyId, weights } of keyColumns)
    plan(
      {
        command: 'AdoptDistributionKey',
        regionId: region.regionId,
        keyId,
        version: region.keyVersion ?? 1,
        validFrom: region.validFrom,
        unit: region.unit ?? 'percent',
        basis: region.basis ?? `${keyId}, ingelezen uit ${file}`,
        weights,
      },
      `${file}:${keyId}`,
      keyId,
    );
  if (issues.length > 0) throw new IntakeError(issues);
  return planned;
}

/**
 * Checks every planned command on a dry-run copy of `ledger`, then records them on it (a dry-run
 * ledger only checks), through the applyCommands use case (runCommands). Nothing is recorded when
 * one is refused. Returns the events per command.
 */
export async function applyPlanned(
  planned: readonly PlannedCommand[],
  options: { ledger: Ledger; actor: string; correlationId?: string },
): Promise<number[]> {
  const commands = planned.map((item) => ({ place: item, source: item.source, command: item.command }));
  const run = async (ledger: Ledger) => {
    const counts: number[] = [];
    try {
      await runCommands(ledger, commands, {
        actor: options.actor,
        ...(options.correlationId !== undefined ? { correlationId: options.correlationId } : {}),
        onApplied: ({ outcome }) => counts.push(outcome.events.length),
      });
    } catch (error) {
      if (!(error instanceof CommandRejected && error.cause instanceof DomainError)) throw error;
      throw new IntakeError([(error as CommandRejected<PlannedCommand>).place.locate(error.cause)]);
    }
    return counts;
  };
  if (options.ledger.dryRun) return run(options.ledger);
  await run(new Ledger(options.ledger.store, { dryRun: true }));
  return run(options.ledger);
}
