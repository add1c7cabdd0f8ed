import { describe, expect, it } from 'vitest';
import { destination, type LngLatPair } from '../../../shared/domain/geo';
import { selectInShape, shapeTest, thinRing } from '../../../shared/domain/geo/selection';

const centre = { lat: 35.4, lng: 116.97 };
const at = (id: string, bearing: number, m: number) => ({ id, ...destination(centre, bearing, m) });

describe('circle select', () => {
  const points = [at('a', 0, 50), at('b', 90, 199), at('c', 180, 201), at('d', 270, 1000)];
  it('takes the points within the radius, in input order', () => {
    expect(selectInShape(points, { kind: 'circle', centre, radiusM: 200 })).toEqual(['a', 'b']);
  });
  it('a zero radius selects nothing', () => {
    expect(selectInShape(points, { kind: 'circle', centre, radiusM: 0 })).toEqual([]);
  });
});

describe('lasso select', () => {
  // A concave "C": the notch's points are outside though inside the bounding box.
  const c: LngLatPair[] = [
    [0, 0],
    [3, 0],
    [3, 1],
    [1, 1],
    [1, 2],
    [3, 2],
    [3, 3],
    [0, 3],
  ];
  const p = (id: string, lng: number, lat: number) => ({ id, lat, lng });
  it('takes points inside the ring and leaves the notch and the outside', () => {
    const points = [p('in1', 0.5, 0.5), p('notch', 2, 1.5), p('in2', 2, 2.5), p('out', 4, 1)];
    expect(selectInShape(points, { kind: 'lasso', ring: c })).toEqual(['in1', 'in2']);
  });
  it('fewer than three points select nothing', () => {
    const test = shapeTest({
      kind: 'lasso',
      ring: [
        [0, 0],
        [1, 1],
      ],
    });
    expect(test({ lat: 0.5, lng: 0.5 })).toBe(false);
  });
});

describe('thinRing', () => {
  it('drops points closer than the minimum to the last kept one', () => {
    const ring = [
      centre,
      destination(centre, 90, 2),
      destination(centre, 90, 6),
      destination(centre, 90, 7),
    ];
    expect(thinRing(ring, 5)).toHaveLength(2);
  });
});
