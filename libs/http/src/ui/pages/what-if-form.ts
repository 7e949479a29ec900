import { DomainError, InvariantViolation, KeyVersion, parseCommand } from '@libs/domain';
import { refusalReason } from '@libs/intake';
import { CommandFileError, parseCommandFile } from '@libs/ledger';
import { REVISABLE_COMMANDS, Revision } from '@libs/projections';
import { isRevision, revisionRefusal } from '@libs/queries';
import { keyLabel } from '../labels';
import { RegionPageData } from '../ui-read.service';

/** The form's field of a municipality's weight is this and its code. */
const WEIGHT_FIELD = 'gewicht.';

export function chosenKey(data: RegionPageData, choice: string | undefined): KeyVersion | undefined {
  if (typeof choice !== 'string') return undefined;
  const [keyId, version] = choice.split(':');
  return data.state.keys.get(keyId)?.find((key) => String(key.version) === version);
}

export function weightsOf(body: Record<string, string>, key: KeyVersion): Record<string, string> | undefined {
  const weights: Record<string, string> = {};
  for (const code of Object.keys(key.weights)) {
    const value = body[`${WEIGHT_FIELD}${code}`];
    if (typeof value !== 'string') return undefined;
    // a Dutch decimal comma is what people type
    weights[code] = value.trim().replace(',', '.');
  }
  return weights;
}

/**
 * Why the form sent holds a field it does not have — a weight of a code that is no member of the key
 * (gewicht.GM9999), a name it never sends — or one field twice, in Dutch, naming the field; undefined
 * when it holds none. Such a field was ignored, and the outcome shown as if it had counted; a field
 * given twice (read as a list of both) was said to be a missing key or weights, naming neither.
 */
export function formFieldRefusal(body: Record<string, unknown>, key: KeyVersion | undefined): string | undefined {
  const twice = Object.keys(body).find((name) => Array.isArray(body[name]));
  if (twice !== undefined)
    return `${twice.slice(0, 100)}: dit veld staat meer dan één keer in het formulier; geef het één keer`;
  const field = Object.keys(body).find(
    (name) =>
      name !== 'sleutel' &&
      !(
        key !== undefined &&
        name.startsWith(WEIGHT_FIELD) &&
        Object.hasOwn(key.weights, name.slice(WEIGHT_FIELD.length))
      ),
  );
  if (field === undefined) return undefined;
  const known = key ? `sleutel en een gewicht per gemeente van de ${keyLabel(key.keyId)} v${key.version}` : 'sleutel';
  return `${field.slice(0, 100)}: dit veld kent het formulier niet (het kent ${known})`;
}

/**
 * The key with the weights typed into the form, read by the domain's command parser like any
 * AdoptDistributionKey: a weight that is no number is a DomainError naming it (a 400 page), not a 500.
 */
export function editedKey(key: KeyVersion, weights: Record<string, string>): Revision {
  const command = parseCommand({ ...key, command: 'AdoptDistributionKey', weights });
  if (command.type !== 'AdoptDistributionKey') throw new InvariantViolation('the parser changed the command type');
  return command;
}

/**
 * Why the weights typed into the form were refused (a weight that is no number, percentages that do not
 * sum to 100), in the Dutch words a spreadsheet row gets (refusalReason), with the municipality's code.
 */
export function weightsRefusal(error: DomainError, key: KeyVersion, weights: Record<string, string>): string {
  const code = /^weights\.(GM\d{4})$/.exec(error.field ?? '')?.[1];
  const reason = refusalReason(error, { command: 'AdoptDistributionKey', values: { ...key, weights } });
  return code ? `${code}: ${reason}` : reason;
}

/** A revision file: JSON Lines of key and agreement commands of this region, each checked by the command parser. */
export function revisionsFromFile(file: string, text: string, regionId: string): Revision[] {
  const revisions: Revision[] = [];
  for (const { line, command } of parseCommandFile(file, text)) {
    if (isRevision(command, regionId)) {
      revisions.push(command);
      continue;
    }
    // which commands a what-if takes is @libs/queries' rule, the same as the API's and the CLI's; the words are Dutch
    const field = revisionRefusal(command, regionId)?.field ?? 'command';
    const reason =
      field === 'command'
        ? `${command.type}: een wat-als herziet alleen ${REVISABLE_COMMANDS.join(', ')}`
        : `regionId: moet "${regionId}" zijn, niet "${command.regionId}"`;
    throw new CommandFileError(file, line, reason, 'INVALID_FIELD', field);
  }
  if (revisions.length === 0)
    throw new CommandFileError(file, 0, 'het bestand bevat geen enkele regel', 'INVALID_FIELD');
  return revisions;
}
