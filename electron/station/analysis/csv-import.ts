/**
 * A platform's incident export as CSV (docs/protocol.md §10, issue #17 item 1), header
 * `number,category,level,reported_at,window_start,window_end,lat,lng,address` (UTF-8, BOM or
 * not); times 'YYYY-MM-DD HH:mm' in the hall's time zone; window_start / window_end both empty or
 * both set. Read whole before anything is stored: the first bad row refuses the file with its
 * line and column (`line 17, lat: "35,4" is not a number`), as the catalog file is.
 */
import { parse } from 'csv-parse/sync';
import { IncidentLevelSchema } from '../../../shared/contract/platform';
import {
  HistoricIncidentSchema,
  type HistoricIncident,
} from '../../../shared/contract/platform-analysis';
import { parseDateTime } from '../../../shared/domain/time/hall-time';
import { VigilError } from '../../../shared/result';
import { cutValue } from '../text-input';

export const incidentCsvColumns = [
  'number',
  'category',
  'level',
  'reported_at',
  'window_start',
  'window_end',
  'lat',
  'lng',
  'address',
] as const;
type Column = (typeof incidentCsvColumns)[number];
const optional = new Set<Column>(['window_start', 'window_end', 'address']);

/** A file's incidents, or a 'bad-input' VigilError naming the line and column. */
export function parseIncidentCsv(text: string, timeZone: string): HistoricIncident[] {
  const bad = (message: string): VigilError => new VigilError('bad-input', message);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as typeof records; // info: true wraps each record (the typings miss it)
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw bad(`${line ? `line ${line}: ` : ''}${cutValue((error as Error).message, 200)}`);
  }
  const [header, ...rows] = records;
  if (!header) throw bad('the file is empty');
  const names = header.record.map((h) => h.trim().toLowerCase());
  const index = new Map<Column, number>();
  for (const c of incidentCsvColumns) {
    const i = names.indexOf(c);
    if (i >= 0) index.set(c, i);
    else if (!optional.has(c)) {
      throw bad(
        `line ${header.info.lines}: missing column "${c}" (header must be ${incidentCsvColumns.join(',')})`,
      );
    }
  }
  const out: HistoricIncident[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of rows) {
    const line = info.lines;
    const cell = (c: Column): string => {
      const i = index.get(c);
      return i === undefined ? '' : (record[i] ?? '').trim();
    };
    const fail = (c: Column, why: string): never => {
      throw bad(`line ${line}, ${c}: ${why}`);
    };
    if (record.length > names.length) {
      throw bad(
        `line ${line}, column ${names.length + 1}: ${record.length} cells, the header has ${names.length} (a comma in a number, or an address not in quotes?)`,
      );
    }
    for (const c of incidentCsvColumns) {
      if (!optional.has(c) && cell(c) === '') fail(c, 'is empty');
    }
    const time = (c: Column): number | undefined => {
      const v = cell(c);
      if (v === '') return undefined;
      const t = parseDateTime(v, timeZone);
      return t ?? fail(c, `"${cutValue(v)}" is not a time YYYY-MM-DD HH:mm`);
    };
    const num = (c: Column): number => {
      const v = cell(c);
      const n = Number(v);
      return Number.isFinite(n) && v !== '' ? n : fail(c, `"${cutValue(v)}" is not a number`);
    };
    const level = IncidentLevelSchema.safeParse(Number(cell('level')));
    if (!level.success) fail('level', `"${cutValue(cell('level'))}" is not a level`);
    const number = cell('number');
    const before = seen.get(number);
    if (before !== undefined) fail('number', `"${cutValue(number)}" is also on line ${before}`);
    seen.set(number, line);
    const windowStart = time('window_start');
    const windowEnd = time('window_end');
    const candidate = {
      id: `csv:${number}`,
      number,
      category: cell('category'),
      level: level.data,
      lat: num('lat'),
      lng: num('lng'),
      address: cell('address'),
      reportedAt: time('reported_at'),
      ...(windowStart !== undefined && { windowStart }),
      ...(windowEnd !== undefined && { windowEnd }),
    };
    const parsed = HistoricIncidentSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const key = String(issue?.path[0] ?? '?');
      const column: Column =
        (
          {
            reportedAt: 'reported_at',
            windowStart: 'window_start',
            windowEnd: 'window_end',
          } as Record<string, Column>
        )[key] ??
        ((incidentCsvColumns as readonly string[]).includes(key) ? (key as Column) : 'number');
      fail(column, issue?.message ?? 'is not valid');
    }
    out.push(parsed.data as HistoricIncident);
  }
  if (out.length === 0) throw bad('the file has no incidents');
  return out;
}
