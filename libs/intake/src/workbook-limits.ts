import { MAX_ROWS } from './sheet-table';
import { SHEETS } from './sheets';

/**
 * How large the parts of an .xlsx may be once unpacked, checked from the zip's directory before the
 * workbook is loaded: reading a workbook costs about ten times its unpacked XML in memory, so a sheet
 * with far more rows than MAX_ROWS (or a zip bomb) must be refused before it is read, not after.
 *
 * A sheet's XML holds per row a <row> tag and per cell a <c> element; in workbooks written by Excel,
 * LibreOffice and exceljs a row tag takes some 50 bytes and a cell 35–50 (a shared-string index, a
 * number or a date serial), an inline string a little more. The budget is 80 bytes for the row tag
 * and 80 per cell over the widest template sheet plus 4 spare columns, for MAX_ROWS rows plus the
 * header: about 50 MiB, well over twice what MAX_ROWS filled rows take, and well under what three
 * times as many take (165,000 rows of text in Rijksbetalingen unpack to 62 MB). The shared strings
 * (every distinct text of the workbook) get the same budget: 50,000 rows of 8 distinct texts of
 * about 120 characters each.
 */
const ROW_TAG_BYTES = 80;
const CELL_BYTES = 80;
const SPARE_COLUMNS = 4;
const WIDEST_SHEET = Math.max(...SHEETS.map((sheet) => sheet.columns.length));

/** Unpacked bytes a worksheet, and the shared strings, may take. */
export const MAX_SHEET_XML_BYTES = (MAX_ROWS + 1) * (ROW_TAG_BYTES + (WIDEST_SHEET + SPARE_COLUMNS) * CELL_BYTES);

/** Any other part (styles, theme, comments, drawings): the template's are a few kilobytes each. */
export const MAX_OTHER_PART_BYTES = 16 * 1024 * 1024;

/** All parts together: two full sheets' worth and room for the rest. */
export const MAX_WORKBOOK_XML_BYTES = 3 * MAX_SHEET_XML_BYTES;

/** Parts in one workbook: the template has about 50. */
export const MAX_WORKBOOK_PARTS = 2000;
