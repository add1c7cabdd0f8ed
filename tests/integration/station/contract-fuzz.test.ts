/**
 * Every method of the contract, fuzzed (issue #11 "Done when"): a real station (createStation on
 * a catalog file, SQLite in a temp folder, an administrator signed in) takes arbitrary JSON-ish
 * inputs, arbitrary method names and arbitrary windows through its ContractHost, the one door
 * both transports use. Whatever comes in, the answer is data (`{ ok, … }` that JSON carries),
 * never a throw, never `internal` (a bad input is the caller's error, not a bug), nothing is logged
 * as a failure, and the station still answers and its audit chain is intact afterwards.
 *
 * fast-check drives it. Inputs are drawn from each method's own zod schema (each field, range,
 * enum and pattern, so most calls get past the door into the handlers) with a wrong value now
 * and then at any depth, or are any JSON at all. The seed is fixed for repeatability (FUZZ_SEED
 * and FUZZ_RUNS to try others); on a failure fast-check prints the seed, the path and the shrunk
 * counterexample.
 */
import fc from 'fast-check';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods, type CallerWindow } from '../../../shared/api';
import type { SessionState } from '../../../shared/contract/session';
import { errorCodes } from '../../../shared/result';
import type { Station } from '../../../electron/station';
import { smallCatalog, startFileStation } from '../../shared/file-station';
import { signInAs, testPassword } from '../../sign-in';
import { tempDir } from './helpers';

const seed = Number(process.env.FUZZ_SEED ?? 20_261_106);
const numRuns = Number(process.env.FUZZ_RUNS ?? 500);

const cameraIds = ['cam-1', 'cam-2', 'cam-3'];
const catalog = smallCatalog(cameraIds);

type Method = keyof typeof methods;
const methodNames = Object.keys(methods) as Method[];
const admin = 'fuzz-admin';

// Values from a pool of edge cases: ids that exist and ones that do not, wrong types, odd keys.
const scalar = fc.oneof(
  fc.constantFrom(0, 1, 2, 3, -1, 64, 65, 255, 256, 1.5, -0, 1e308, 2 ** 53, 1000, 60_000),
  fc.integer({ min: -10, max: 400 }),
  fc.constantFrom(...cameraIds, 'g1', 'r1', 'nope', '', ' ', 'x'.repeat(300)),
  fc.constantFrom('__proto__', 'constructor', 'toString', '值班长甲', admin, testPassword),
  fc.constantFrom('09:00', '24:00', '2026-01-01', 'daily', 'normal', 'enlarge', '/9j/AAAA'),
  fc.constantFrom(1_700_000_000_000, Date.now(), Date.now() + 60_000),
  fc.string({ maxLength: 12 }),
  fc.boolean(),
  fc.constant(null),
);
const junk: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: scalar, weight: 6 },
  { arbitrary: fc.array(scalar, { maxLength: 4 }), weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 },
);

/** Field names whose values are better drawn from what the station holds. */
const hints: Record<string, fc.Arbitrary<unknown>> = {
  cameraId: fc.constantFrom(...cameraIds, 'nope'),
  wallId: fc.constantFrom(1, 2, 3),
  tileIndex: fc.constantFrom(0, 1, 3, 4),
  id: fc.constantFrom('g1', 't1'),
  runId: fc.constantFrom('t1', 'nope'),
  alertId: fc.constantFrom('a1'),
  password: fc.constantFrom(testPassword, 'wrong-one'),
  name: fc.constantFrom('值班长甲', '轮巡', 'v1', admin),
};

/** What the generator reads of a zod (v4) schema. */
interface ZodNode {
  _zod: { def: Record<string, unknown> & { type: string; checks?: ZodNode[] } };
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
  minLength?: number | null;
  maxLength?: number | null;
}

const checkOf = (node: ZodNode, name: string): Record<string, unknown> | undefined =>
  node._zod.def.checks?.map((c) => c._zod.def).find((d) => d.check === name);

/** An arbitrary that mostly fits the schema and now and then, at any depth, does not. */
function fromSchema(schema: unknown, field = '', depth = 0): fc.Arbitrary<unknown> {
  const node = schema as ZodNode;
  const def = node._zod.def;
  const fitting = ((): fc.Arbitrary<unknown> => {
    if (depth > 6) return scalar;
    switch (def.type) {
      case 'object': {
        const shape = def.shape as Record<string, ZodNode>;
        const keys = Object.keys(shape);
        const required = keys.filter(
          (k) => !['optional', 'default'].includes(shape[k]!._zod.def.type),
        );
        return fc.record(
          Object.fromEntries(keys.map((k) => [k, fromSchema(shape[k], k, depth + 1)])),
          { requiredKeys: required },
        );
      }
      case 'array': {
        const min = Math.min((checkOf(node, 'min_length')?.minimum as number) ?? 0, 4);
        const max = Math.max(
          min,
          Math.min((checkOf(node, 'max_length')?.maximum as number) ?? 4, 4),
        );
        return fc.array(fromSchema(def.element, field, depth + 1), {
          minLength: min,
          maxLength: max,
        });
      }
      case 'record':
        return fc.dictionary(
          fromSchema(def.keyType, field, depth + 1).filter((k) => typeof k === 'string'),
          fromSchema(def.valueType, field, depth + 1),
          { maxKeys: 3 },
        ) as fc.Arbitrary<unknown>;
      case 'number': {
        const min = Math.max(node.minValue ?? -1e6, -1e15);
        const max = Math.min(node.maxValue ?? 1e6, 1e15);
        const within = node.isInt
          ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
          : fc.double({ min, max, noNaN: true });
        return fc.oneof(
          hints[field] ?? within,
          within,
          fc.constantFrom(min, max, min - 1, max + 1),
        );
      }
      case 'string': {
        const pattern = checkOf(node, 'string_format')?.pattern as RegExp | undefined;
        const text = pattern
          ? fc.stringMatching(pattern)
          : fc.string({
              minLength: node.minLength ?? 0,
              maxLength: Math.max(node.minLength ?? 0, Math.min(node.maxLength ?? 20, 20)),
            });
        return hints[field] ? fc.oneof(hints[field], text) : text;
      }
      case 'enum':
        return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
      case 'literal':
        return fc.constantFrom(...(def.values as unknown[]));
      case 'boolean':
        return fc.boolean();
      case 'nullable':
        return fc.oneof(fc.constant(null), fromSchema(def.innerType, field, depth + 1));
      case 'optional':
      case 'default':
        return fromSchema(def.innerType, field, depth + 1);
      case 'union':
        return fc.oneof(...(def.options as unknown[]).map((o) => fromSchema(o, field, depth + 1)));
      default:
        return junk;
    }
  })();
  return fc.oneof({ arbitrary: fitting, weight: 15 }, { arbitrary: junk, weight: 1 });
}

/** An input drawn from the method's schema (mostly fitting), or any JSON at all, or none. */
const inputFor = (method: Method): fc.Arbitrary<unknown> =>
  fc.oneof(
    { arbitrary: fromSchema(methods[method].input), weight: 8 },
    { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 },
    { arbitrary: fc.constantFrom(undefined, null, '', [], 0), weight: 1 },
  );

const windowArb: fc.Arbitrary<CallerWindow> = fc.oneof(
  { arbitrary: fc.constant({ window: 'desk' as const }), weight: 6 },
  {
    arbitrary: fc
      .oneof(fc.constantFrom(1, 2), fc.integer({ min: -2, max: 70 }))
      .map((wallId) => ({ window: 'wall' as const, wallId })),
    weight: 2,
  },
  // A window kind no transport makes: refused at the door, never a crash.
  { arbitrary: fc.constant({ window: 'kiosk' } as unknown as CallerWindow), weight: 1 },
);

const callArb = fc.oneof(
  {
    arbitrary: fc.constantFrom(...methodNames).chain((method) =>
      fc.record({
        method: fc.constant<unknown>(method),
        input: inputFor(method),
        from: windowArb,
      }),
    ),
    weight: 15,
  },
  {
    // Names that are not methods: strings, prototype keys, a near miss, not strings at all.
    arbitrary: fc.record({
      method: fc.oneof(
        fc.string({ maxLength: 20 }),
        fc.constantFrom('__proto__', 'toString', 'constructor', 'hasOwnProperty', 'wall.assign '),
        fc.integer(),
        fc.constant(null),
        fc.constant(undefined),
      ),
      input: fc.jsonValue({ maxDepth: 2 }),
      from: windowArb,
    }),
    weight: 1,
  },
);

const desk = { window: 'desk' } as const;
let station: Station;
let dataDir: string;
const logged: string[] = [];

beforeAll(async () => {
  dataDir = tempDir('vigil-fuzz-');
  station = await startFileStation(dataDir, catalog, (line) => logged.push(line));
  await signInAs(station, admin, 'admin');
});

afterAll(async () => {
  await station?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The fuzz may sign the administrator out or lock the desk: back on duty, as the desk would. */
async function backOnDuty(): Promise<void> {
  const got = await station.host.dispatch('session.get', {}, desk);
  const on = (got as { value: SessionState }).value.operator;
  if (on?.name === admin && on.role === 'admin') {
    if (on.locked) await station.host.dispatch('session.unlock', { password: testPassword }, desk);
  } else {
    await signInAs(station, admin, 'admin');
  }
}

describe('the contract, fuzzed through a real station', () => {
  it('answers every call with data, never a throw, never internal; still answers after', async () => {
    const outcomes = new Map<string, number>();
    const failures = () => logged.filter((line) => / failed: /.test(line));
    await fc.assert(
      fc.asyncProperty(callArb, async ({ method, input, from }) => {
        let result: unknown;
        try {
          result = await station.host.dispatch(method, input, from);
        } catch (error) {
          throw new Error(`dispatch threw: ${String(error)}`);
        }
        // Data both transports carry as JSON.
        const carried = JSON.parse(JSON.stringify(result)) as {
          ok: boolean;
          value?: unknown;
          error?: { code: string; message: string };
        };
        const outcome = carried.ok ? 'ok' : (carried.error?.code ?? '?');
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        if (carried.ok) {
          expect(carried).toHaveProperty('value');
        } else {
          expect(errorCodes).toContain(carried.error!.code);
          expect(carried.error!.code).not.toBe('internal');
          expect(typeof carried.error!.message).toBe('string');
        }
        expect(failures()).toEqual([]);
        await backOnDuty();
      }),
      { seed, numRuns, endOnFailure: true },
    );

    // The fuzz reached the handlers (not only the door's refusals) …
    expect(outcomes.get('ok') ?? 0).toBeGreaterThan(numRuns / 6);
    // … and the station still answers, its record intact after all that.
    expect(await station.host.dispatch('station.info', {}, desk)).toMatchObject({ ok: true });
    expect(await station.host.dispatch('wall.list', {}, desk)).toMatchObject({ ok: true });
    expect(await station.host.dispatch('audit.verify', {}, desk)).toMatchObject({
      ok: true,
      value: { intact: true },
    });
  });
});
