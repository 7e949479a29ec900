import { ColumnKind, ColumnSpec, fieldOf, isRequired, kindOf, SheetSpec } from './sheets';

/** How a column is filled in, in Dutch, from how its cells are read. */
export function columnHint(sheet: SheetSpec, column: ColumnSpec): string {
  const kind = kindOf(sheet, column);
  const { schema } = fieldOf(sheet, column);
  const byKind: Record<ColumnKind, string> = {
    amount: "bedrag in euro's: een getal, of tekst als 1.234.567,89, -250.000 of 1234567.89; hoogstens twee decimalen",
    decimal: 'percentage: 6,8 of 6.8 (zonder %-teken en zonder %-opmaak)',
    integer: schema.title === 'year' ? 'jaar, bijvoorbeeld 2024 (het begrotingsjaar)' : 'versienummer: 1, 2, …',
    date: 'datum: een datumcel of tekst als 2024-03-15',
    choice: `één van: ${Object.keys(column.values ?? {}).join(', ')}`,
    municipality: 'CBS-code (GM0546) of de naam van een gemeente uit het blad Gemeenten',
    text:
      schema.title === 'id'
        ? 'uw eigen id, uniek in dit blad: letters, cijfers en . _ : / - (hoogstens 100 tekens)'
        : `tekst (hoogstens ${schema.maxLength ?? 1000} tekens)`,
  };
  const how = byKind[kind];
  return `${isRequired(sheet, column) ? 'Verplicht' : 'Optioneel (mag leeg blijven)'}. ${how.charAt(0).toUpperCase()}${how.slice(1)}`;
}
