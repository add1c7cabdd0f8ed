/**
 * A catalog from outside (the platform or a file) is validated whole before it touches the
 * cache: the shape (CatalogSchema in shared/api.ts) and the links between its parts (ids
 * unique, a zone's parent is a region, a grid's parent a zone, every camera in a known grid).
 * The first problem is reported with the field's path (`cameras[12].lat: …`) and nothing of
 * that catalog is used. A message never carries a long value whole (it is logged at every poll):
 * values are cut to 100 characters, the message to 300.
 */
import { CatalogSchema, type Catalog } from '../../../shared/api';
import { describeZodError } from '../contract-host';
import { cutValue } from '../text-input';

export class CatalogError extends Error {
  constructor(message: string) {
    super(cutValue(message, 300));
    this.name = 'CatalogError';
  }
}

export function parseCatalog(raw: unknown): Catalog {
  const parsed = CatalogSchema.safeParse(raw);
  if (!parsed.success) throw new CatalogError(firstIssue(describeZodError(parsed.error)));
  checkLinks(parsed.data);
  return parsed.data;
}

function firstIssue(description: string): string {
  return description.split('; ')[0] ?? description;
}

const parentLevel = { region: null, zone: 'region', grid: 'zone' } as const;

/** Referential checks the schema alone cannot express. */
export function checkLinks(catalog: Catalog): void {
  const areas = new Map<string, Catalog['areas'][number]>();
  catalog.areas.forEach((area, i) => {
    if (areas.has(area.id))
      throw new CatalogError(`areas[${i}].id: duplicate id "${cutValue(area.id)}"`);
    areas.set(area.id, area);
  });
  catalog.areas.forEach((area, i) => {
    const expected = parentLevel[area.level];
    if (expected === null) {
      if (area.parentId !== null)
        throw new CatalogError(`areas[${i}].parentId: a region has no parent`);
      return;
    }
    const parent = area.parentId === null ? undefined : areas.get(area.parentId);
    if (!parent || parent.level !== expected) {
      throw new CatalogError(
        `areas[${i}].parentId: a ${area.level}'s parent must be a ${expected} (got ${
          area.parentId === null ? 'null' : `"${cutValue(area.parentId)}"`
        })`,
      );
    }
  });
  const cameras = new Set<string>();
  catalog.cameras.forEach((camera, i) => {
    if (cameras.has(camera.id))
      throw new CatalogError(`cameras[${i}].id: duplicate id "${cutValue(camera.id)}"`);
    cameras.add(camera.id);
    if (areas.get(camera.gridId)?.level !== 'grid') {
      throw new CatalogError(`cameras[${i}].gridId: no grid "${cutValue(camera.gridId)}" in areas`);
    }
  });
}
