/**
 * A small RFC 4180 CSV reader and field quoter: comma-separated, double-quoted fields may hold
 * commas, quotes ("") and line breaks; \r\n and \n endings both work. Each row carries the
 * 1-based line it starts on so that callers can report errors by line number.
 */

export interface CsvRow {
  /** 1-based line number where the row starts */
  line: number;
  fields: string[];
}

export interface CsvReadResult {
  rows: CsvRow[];
  /** set when a quoted field is never closed */
  error?: { line: number; message: string };
}

/** Splits CSV text into rows of raw fields; blank lines are dropped. */
export function readCsvRows(text: string): CsvReadResult {
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let rowLine = 1;
  let inQuotes = false;
  let quoteLine = 0;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0; // byte-order mark
  const endRow = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0].trim() === "")) rows.push({ line: rowLine, fields });
    fields = [];
    field = "";
  };
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (c === "\n") line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field.trim() === "") {
      inQuotes = true;
      quoteLine = line;
      field = "";
    } else if (c === ",") {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRow();
      line++;
      rowLine = line;
    } else field += c;
  }
  if (inQuotes) {
    return {
      rows,
      error: { line: quoteLine, message: 'a quoted field is never closed (add the closing ")' },
    };
  }
  if (field !== "" || fields.length > 0) endRow();
  return { rows };
}

/** Quotes a field when it holds a comma, a quote, a line break or edge spaces. */
export function quoteCsvField(value: string): string {
  if (/[",\r\n]/.test(value) || value.trim() !== value) return `"${value.replaceAll('"', '""')}"`;
  return value;
}
