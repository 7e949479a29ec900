import { DERIVED_EVENT_TYPES, storedInputFields } from '@libs/domain';
import { INPUT_LABELS, inputLabelNl, inputValueNl } from './inputs.nl';

describe('the Dutch names of the rules’ inputs', () => {
  // from the codecs every derived event is stored and read with: a field added to a rule's inputs fails here until it has a name
  const stored = DERIVED_EVENT_TYPES.flatMap((type) => storedInputFields(type).map((field) => ({ type, field })));

  it('every input field of every derived event type has a Dutch name, which is not the field name', () => {
    expect(DERIVED_EVENT_TYPES).toHaveLength(11);
    expect(stored.length).toBeGreaterThan(40);
    const unnamed = stored.filter(({ field }) => !Object.hasOwn(INPUT_LABELS, field));
    expect(unnamed).toEqual([]);
    for (const { field } of stored) expect([field, inputLabelNl(field)]).not.toEqual([field, field]);
  });

  it('names no field that no rule stores', () => {
    const fields = new Set(stored.map(({ field }) => field));
    expect(Object.keys(INPUT_LABELS).filter((field) => !fields.has(field))).toEqual([]);
  });

  it('writes the values as a Dutch reader does: euro amounts, decimal commas, versions, yes and no', () => {
    expect(inputValueNl('historicalPayments', '38750000.00')).toBe('€ 38.750.000,00');
    expect(inputValueNl('result', '-115593.00')).toBe('€ -115.593,00');
    expect(inputValueNl('objectivePct', '24.3')).toBe('24,3 %');
    expect(inputValueNl('budgetVersion', 2)).toBe('v2');
    expect(inputValueNl('budgetVersion', null)).toBe('—');
    expect(inputValueNl('cap', true)).toBe('ja');
    expect(inputValueNl('weighted', false)).toBe('nee');
    expect(inputValueNl('baseline', 'regional-average')).toBe('regionaal gemiddelde');
    expect(inputValueNl('baseKind', 'fixed')).toBe('vast bedrag');
    expect(inputValueNl('payoutTo', 'max')).toBe('maximum');
    expect(inputValueNl('fundId', 'frictiekosten')).toBe('Fonds frictiekosten');
    expect(inputValueNl('formula', 'C_MO')).toBe('C_MO');
  });

  it('keeps the name and the value as stored of a field it does not know', () => {
    expect(inputLabelNl('newField')).toBe('newField');
    expect(inputValueNl('newField', { a: 1 })).toBe('{"a":1}');
  });
});
