/**
 * A catalog from a file, for stations without a platform API (docs/protocol.md §5):
 *
 * - JSON: the body of GET /api/v1/catalog; `version` optional (the file's hash is used).
 * - CSV (UTF-8, with or without BOM), one camera per row, header
 *   `id,name,region,zone,grid,kind,lat,lng,heading,fov,range,liveUrl,subUrl`. Areas are derived
 *   from the region / zone / grid names (their ids are the name path, e.g. "城区/钢山派出所").
 *
 * The file is validated whole: the first bad row is reported with its line and column
 * (`cameras.csv: line 17, lat: "35,4" is not a number`) and nothing of the file is used.
 */
import { parse } from 'csv-parse/sync';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { CameraSchema, type Area, type Camera, type Catalog } from '../../../shared/api';
import { CatalogError, parseCatalog } from './catalog-validation';

export const csvColumns = [
  'id',
  'name',
  'region',
  'zone',
  'grid',
  'kind',
  'lat',
  'lng',
  'heading',
  'fov',
  'range',
  'liveUrl',
  'subUrl',
] as const;
type CsvColumn = (typeof csvColumns)[number];
const requiredColumns: readonly CsvColumn[] = [
  'id',
  'name',
  'region',
  'zone',
  'grid',
  'kind',
  'lat',
  'lng',
  'liveUrl',
];
const numberColumns = new Set<CsvColumn>(['lat', 'lng', 'heading', 'fov', 'range']);

/** The whole file rejected; the message starts with the file's name. */
export class CatalogFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogFileError';
  }
}

export function readCatalogFile(path: string): Catalog {
  const label = basename(path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new CatalogFileError(`${label}: cannot read: ${(error as Error).message}`);
  }
  const version = `file:${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`;
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const isCsv =
    extname(path).toLowerCase() === '.csv' ||
    (extname(path).toLowerCase() !== '.json' && !/^\s*[[{]/.test(text));
  try {
    return isCsv ? parseCatalogCsv(text, version) : parseCatalogJson(text, version);
  } catch (error) {
    if (error instanceof CatalogError) throw new CatalogFileError(`${label}: ${error.message}`);
    throw error;
  }
}

export function parseCatalogJson(text: string, version: string): Catalog {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new CatalogError(`not valid JSON: ${(error as Error).message}`);
  }
  if (raw && typeof raw === 'object' && !Array.isArray(raw) && !('version' in raw)) {
    raw = { ...raw, version };
  }
  return parseCatalog(raw);
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

export function parseCatalogCsv(text: string, version: string): Catalog {
  let records: CsvRecord[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as CsvRecord[]; // info: true wraps each record (the typings miss it)
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new CatalogError(`${line ? `line ${line}: ` : ''}${(error as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header) throw new CatalogError('the file is empty');
  const names = header.record.map((h) => h.trim());
  const index = new Map<CsvColumn, number>();
  for (const column of csvColumns) {
    const i = names.indexOf(column);
    if (i >= 0) index.set(column, i);
  }
  for (const column of requiredColumns) {
    if (!index.has(column)) {
      throw new CatalogError(
        `line ${header.info.lines}: missing column "${column}" (header must be ${csvColumns.join(',')})`,
      );
    }
  }

  const areas: Area[] = [];
  const areaIds = new Set<string>();
  const cameras: Camera[] = [];
  const cameraLines = new Map<string, number>();
  const addArea = (level: Area['level'], path: string[], parentId: string | null): string => {
    const id = areaId(path);
    if (!areaIds.has(id)) {
      areaIds.add(id);
      areas.push({ id, name: path[path.length - 1] ?? '', level, parentId });
    }
    return id;
  };

  for (const { record, info } of rows) {
    const line = info.lines;
    const cell = (column: CsvColumn): string => {
      const i = index.get(column);
      return i === undefined ? '' : (record[i] ?? '').trim();
    };
    for (const column of requiredColumns) {
      if (cell(column) === '') throw new CatalogError(`line ${line}, ${column}: is empty`);
    }
    const numbers: Partial<Record<CsvColumn, number>> = {};
    for (const column of numberColumns) {
      const value = cell(column);
      if (value === '') continue;
      const n = Number(value);
      if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value) || !Number.isFinite(n)) {
        throw new CatalogError(`line ${line}, ${column}: "${value}" is not a number`);
      }
      numbers[column] = n;
    }
    const region = cell('region');
    const zone = cell('zone');
    const grid = cell('grid');
    const regionId = addArea('region', [region], null);
    const zoneId = addArea('zone', [region, zone], regionId);
    const gridId = addArea('grid', [region, zone, grid], zoneId);
    const candidate = {
      id: cell('id'),
      name: cell('name'),
      gridId,
      kind: cell('kind'),
      lat: numbers.lat,
      lng: numbers.lng,
      heading: numbers.heading,
      fov: numbers.fov,
      range: numbers.range,
      liveUrl: cell('liveUrl'),
      subUrl: cell('subUrl') || undefined,
      status: 'unknown',
    };
    const parsed = CameraSchema.safeParse(
      Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== undefined)),
    );
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const column = String(issue?.path[0] ?? '?');
      const value = column in candidate ? candidate[column as keyof typeof candidate] : undefined;
      throw new CatalogError(
        `line ${line}, ${column}: ${value === undefined ? '' : `"${String(value)}" `}${
          issue?.message ?? 'invalid'
        }`,
      );
    }
    const first = cameraLines.get(parsed.data.id);
    if (first !== undefined) {
      throw new CatalogError(`line ${line}, id: "${parsed.data.id}" repeats line ${first}`);
    }
    cameraLines.set(parsed.data.id, line);
    cameras.push(parsed.data);
  }
  return parseCatalog({ version, areas, cameras });
}

/** The name path as the id, hashed when too long for the schema's 64 characters. */
function areaId(path: string[]): string {
  const id = path.join('/');
  return id.length <= 64 ? id : `area-${createHash('sha1').update(id).digest('hex').slice(0, 24)}`;
}
