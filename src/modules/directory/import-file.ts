import type { Cell, Row } from 'exceljs';
import { parse } from 'csv-parse/sync';
import { badRequest } from '../../kernel/http/errors.js';

/** One data row as the user sees it: its row number in the file (the header is row 1) and its cells. */
export interface FileRow {
  row: number;
  cells: string[];
}
export interface FileTable {
  headers: string[];
  rows: FileRow[];
}

export const MAX_IMPORT_ROWS = 5000;
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Reads an uploaded CSV (UTF-8 with or without BOM, or GBK as saved by older Excel) or .xlsx file, telling them apart by content. */
export async function readTable(file: Buffer): Promise<FileTable> {
  if (file.length === 0) throw badRequest('error.validation', [{ field: 'file', key: 'directory.import.empty' }]);
  const table = file.subarray(0, 4).equals(ZIP_MAGIC) ? await readXlsx(file) : readCsv(file);
  const rows = table.rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (rows.length === 0) throw badRequest('error.validation', [{ field: 'file', key: 'directory.import.empty' }]);
  if (rows.length > MAX_IMPORT_ROWS) throw badRequest('error.validation', [{ field: 'file', key: 'directory.import.tooManyRows', params: { max: MAX_IMPORT_ROWS } }]);
  return { headers: table.headers, rows };
}

function decode(file: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gbk').decode(file);
  }
}

function readCsv(file: Buffer): FileTable {
  let records: string[][];
  try {
    records = parse(decode(file), { relax_column_count: true, skip_empty_lines: false, trim: false }) as string[][];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw badRequest('error.validation', [{ field: 'file', key: 'directory.import.csvBroken', params: { line: line ?? '?' } }]);
  }
  const [headers = [], ...data] = records;
  return { headers, rows: data.map((cells, i) => ({ row: i + 2, cells })) };
}

async function readXlsx(file: Buffer): Promise<FileTable> {
  // Loaded on the first Excel upload: exceljs takes about half a second to load, which every start would pay.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw badRequest('error.validation', [{ field: 'file', key: 'directory.import.xlsxBroken' }]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw badRequest('error.validation', [{ field: 'file', key: 'directory.import.empty' }]);
  const width = sheet.columnCount;
  const cellsOf = (r: Row) => Array.from({ length: width }, (_, i) => cellText(r.getCell(i + 1)));
  const headers = cellsOf(sheet.getRow(1));
  const rows: FileRow[] = [];
  for (let n = 2; n <= sheet.rowCount; n++) rows.push({ row: n, cells: cellsOf(sheet.getRow(n)) });
  return { headers, rows };
}

/** The text of a cell as shown: numbers without exponent (phone numbers), hyperlinks by their text, formulas by their result. */
function cellText(cell: Cell): string {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v).toString() : String(v);
  if (typeof v === 'object' && v && 'result' in v) return String((v as { result: unknown }).result ?? '');
  return cell.text ?? '';
}

/** Column definitions: the key used in code and the header names accepted (Chinese first). */
export interface Column<K extends string> {
  key: K;
  names: string[];
  required: boolean;
}

const normaliseHeader = (h: string) => h.normalize('NFKC').replace(/[\s*＊]/g, '').toLowerCase();

/**
 * Maps each row's cells to the columns by header name. A missing required column is an error of the
 * whole file; unknown columns are ignored; a row with more cells than headers is malformed.
 */
export function mapColumns<K extends string>(table: FileTable, columns: Column<K>[]):
  { rows: { row: number; values: Record<K, string> }[]; malformed: { row: number; cells: number }[] } {
  const index = new Map<K, number>();
  const headers = table.headers.map(normaliseHeader);
  for (const col of columns) {
    const at = headers.findIndex((h) => col.names.some((n) => normaliseHeader(n) === h));
    if (at >= 0) index.set(col.key, at);
    else if (col.required) throw badRequest('error.validation', [{ field: 'file', key: 'directory.import.columnMissing', params: { column: col.names[0] } }]);
  }
  const width = headers.length;
  const rows: { row: number; values: Record<K, string> }[] = [];
  const malformed: { row: number; cells: number }[] = [];
  for (const r of table.rows) {
    const used = r.cells.length - [...r.cells].reverse().findIndex((c) => c.trim() !== '');
    if (used > width) { malformed.push({ row: r.row, cells: used }); continue; }
    const values = {} as Record<K, string>;
    for (const col of columns) values[col.key] = (index.has(col.key) ? r.cells[index.get(col.key)!] ?? '' : '').trim();
    rows.push({ row: r.row, values });
  }
  return { rows, malformed };
}
