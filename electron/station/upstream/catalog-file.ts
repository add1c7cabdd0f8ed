/**
 * A catalog from a file, for stations without a platform API (docs/protocol.md §5):
 *
 * - JSON: the body of GET /api/v1/catalog; `version` optional (the file's hash is used).
 * - CSV, one camera per row, header
 *   `id,name,region,zone,grid,kind,lat,lng,heading,fov,range,liveUrl,subUrl`. Areas are derived
 *   from the region / zone / grid names (their ids are the name path, e.g. "城区/钢山派出所").
 *
 * Either is UTF-8 (with or without BOM) or UTF-16 with a BOM; a GBK / UTF-16-without-BOM file is
 * refused with what it looks like (../text-input.ts), never read as garbled names.
 *
 * The file is validated whole: the first bad row is reported with its line and column
 * (`cameras.csv: line 17, lat: "35,4" is not a number`; a long value cut to 100 characters) and
 * nothing of the file is used.
 *
 * `statCatalogFile` gives the file's size, mtime and inode, so a poller can tell an unchanged
 * file without reading it (a 100,000-row file takes seconds to parse).
 */
import { parse } from 'csv-parse/sync';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { CameraSchema, type Area, type Camera, type Catalog } from '../../../shared/api';
import { cutValue, decodeTextFile } from '../text-input';
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

/** Reads and parses a catalog file (synchronously); throws CatalogFileError. */
export function readCatalogFile(path: string): Catalog {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw readError(path, error);
  }
  return parseCatalogFileBytes(path, bytes, catalogFileVersion(bytes));
}

/** Reads a catalog file's bytes (without blocking); throws CatalogFileError. */
export async function readCatalogFileBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw readError(path, error);
  }
}

function readError(path: string, error: unknown): CatalogFileError {
  const label = basename(path);
  if ((error as { code?: string }).code === 'ENOENT') {
    return new CatalogFileError(`${label}: file missing (${path})`);
  }
  return new CatalogFileError(`${label}: cannot read: ${(error as Error).message}`);
}

/** A file's catalog version: its hash (so an unchanged file is the same version). */
export function catalogFileVersion(bytes: Uint8Array): string {
  return `file:${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`;
}

export interface CatalogFileStamp {
  /** size:mtime:inode, or "missing" / "error:CODE" when the file cannot be stat'ed. */
  stamp: string;
  /**
   * Whether an equal stamp later proves the file unchanged: not when the mtime is within 2 s
   * of now (a write in the same tick of a coarse clock, e.g. FAT or SMB, keeps the mtime).
   */
  trusted: boolean;
}

export async function statCatalogFile(path: string, now = Date.now()): Promise<CatalogFileStamp> {
  try {
    const s = await stat(path);
    return {
      stamp: `${s.size}:${s.mtimeMs}:${s.ino}`,
      trusted: now - s.mtimeMs > 2000,
    };
  } catch (error) {
    const code = (error as { code?: string }).code;
    return { stamp: code === 'ENOENT' ? 'missing' : `error:${code ?? '?'}`, trusted: true };
  }
}

/** Decodes and parses a catalog file's bytes; throws CatalogFileError naming the file. */
export function parseCatalogFileBytes(path: string, bytes: Uint8Array, version: string): Catalog {
  const label = basename(path);
  const decoded = decodeTextFile(bytes);
  if (!decoded.ok) throw new CatalogFileError(`${label}: ${decoded.problem}`);
  const text = decoded.text;
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
    throw new CatalogError(`not valid JSON: ${cutValue((error as Error).message, 200)}`);
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
    throw new CatalogError(
      `${line ? `line ${line}: ` : ''}${cutValue((error as Error).message, 200)}`,
    );
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
        throw new CatalogError(`line ${line}, ${column}: "${cutValue(value)}" is not a number`);
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
        `line ${line}, ${column}: ${value === undefined ? '' : `"${cutValue(String(value))}" `}${
          issue?.message ?? 'invalid'
        }`,
      );
    }
    const first = cameraLines.get(parsed.data.id);
    if (first !== undefined) {
      throw new CatalogError(
        `line ${line}, id: "${cutValue(parsed.data.id)}" repeats line ${first}`,
      );
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
