import { parseCommand } from './parse-command';
import { COMMAND_CATALOGUE } from './command.catalogue';
import { COMMAND_EXAMPLES, commandFields, commandJsonSchema, JsonSchema } from './command.schema';
import { COMMAND_SHAPES } from './command.shapes';
import { COMMAND_TYPES, CommandType } from './command.types';
import { decide } from '../decide';
import { evolve, initialState } from '../state/evolve';

/** The parts of a command's JSON Schema these tests read. */
interface CommandSchemaView extends JsonSchema {
  readonly required: readonly string[];
  readonly additionalProperties: boolean;
  readonly properties: Readonly<Record<string, { readonly enum?: readonly string[]; readonly pattern: string }>>;
}
const schemaOf = (type: CommandType) => commandJsonSchema(type) as CommandSchemaView;

describe('the command catalogue', () => {
  it('has an example for every command, and the examples in order each record something on an empty region', () => {
    expect(COMMAND_EXAMPLES.map((example) => example.command)).toEqual(COMMAND_TYPES);
    const state = initialState();
    const recorded = COMMAND_EXAMPLES.map((example) => {
      const events = decide(parseCommand(example), state).map(({ event }) => event);
      events.forEach((event) => evolve(state, event));
      return [example.command, events.length > 0];
    });
    expect(recorded).toEqual(COMMAND_TYPES.map((type) => [type, true]));
  });

  it('the examples use every field of their command that is not exclusive to another case', () => {
    const unused = COMMAND_TYPES.flatMap((type) =>
      Object.keys(COMMAND_SHAPES[type])
        .filter((field) => !(field in COMMAND_CATALOGUE[type].example))
        .map((field) => `${type}.${field}`),
    );
    // objectivePct is for BW budgets only; the example budget is MO, so that its run needs only the MO key
    expect(unused).toEqual(['AdoptRegionalBudget.objectivePct']);
  });

  it('describes every field with the parser’s rule, so docs and schemas follow the parser', () => {
    const payment = commandFields('RecordRijkPayment');
    expect(payment.map((field) => [field.name, field.nl, field.required, field.schema.title])).toEqual([
      ['regionId', 'regio', true, 'slug'],
      ['paymentId', 'betaling', true, 'id'],
      ['year', 'jaar', true, 'year'],
      ['scheme', 'regeling', true, 'one of'],
      ['basis', 'grondslag', true, 'one of'],
      ['recipient', 'ontvanger', true, 'CBS code'],
      ['amount', 'bedrag', true, 'amount'],
      ['reference', 'omschrijving', false, 'text'],
      ['bookDate', 'boekdatum', false, 'date'],
    ]);
    const schema = schemaOf('RecordRijkPayment');
    expect(schema.required).toEqual([
      'command',
      'regionId',
      'paymentId',
      'year',
      'scheme',
      'basis',
      'recipient',
      'amount',
    ]);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.command.enum).toEqual(['RecordRijkPayment']);
    expect(schema.properties.scheme.enum).toEqual(['BW', 'MO']);
    expect(schema.properties.year).toMatchObject({ type: 'integer', minimum: 1900, maximum: 2999 });
    expect(schema.properties.bookDate).toMatchObject({ type: 'string', format: 'date' });
  });

  it('the amount pattern accepts exactly what the amount parser accepts', () => {
    const pattern = new RegExp(schemaOf('RecordAdvance').properties.amount.pattern);
    const cases = [
      '1',
      '-1',
      '0.5',
      '12.34',
      '000000000000001.00',
      '999999999999.99',
      '1000000000000',
      '1.234',
      '1,5',
      '1e3',
      '',
      '-',
      '.5',
    ];
    for (const value of cases) {
      let parses = true;
      try {
        parseCommand({ ...COMMAND_CATALOGUE.RecordAdvance.example, amount: value });
      } catch {
        parses = false;
      }
      expect([value, pattern.test(value)]).toEqual([value, parses]);
    }
  });
});
