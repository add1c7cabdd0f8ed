/**
 * Bench: a burst of incidents (issue #13 Benchmarks): 1,000 incidents opened by the platform in
 * 10 s, and how long until each is on every station's desk; nothing lost, nothing doubled.
 *
 *   npx tsx tests/bench/incident-burst.ts [--incidents 1000] [--seconds 10] [--units 400]
 *                                         [--stations 2] [--broker mosquitto|sim]
 *
 * The simulator runs in this process; its incident desk opens each incident as a 110 call
 * (`openIncident`, the record published retained on vigil/incidents/{id}, QoS 1), paced evenly
 * over the burst. Each station is its own process (run-station.ts), as at two desks: its MQTT is
 * a real Mosquitto bridged to the simulator's broker (`--broker sim`: the simulator's broker
 * itself, to see what the extra hop costs). A station prints each `incidents` event (the stream
 * the desk's queue follows) with its own clock when the core emitted it (`watch incidents`);
 * latency = that time − when the platform opened the incident (same machine, same clock).
 * Afterwards each station's `incident.list` must hold every incident of the burst exactly once.
 * Prints a markdown block for docs/benchmarks.md; exits 1 if anything was lost or doubled.
 */
import { rmSync } from 'node:fs';
import { startSimulator } from '../../electron/sim';
import type { Incident } from '../../shared/contract/dispatch';
import { missingMosquitto, startBridgedBroker } from '../integration/station/bridged-mosquitto';
import {
  ChildStation,
  httpConfig,
  tempDir,
  waitFor,
  writeConfig,
} from '../integration/station/helpers';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const total = Number(arg('incidents', '1000'));
const seconds = Number(arg('seconds', '10'));
const unitsN = Number(arg('units', '400'));
const stationsN = Number(arg('stations', '2'));
const brokerKind = arg('broker', 'mosquitto');
if (brokerKind !== 'mosquitto' && brokerKind !== 'sim') throw new Error('--broker mosquitto|sim');
// incident.list answers at most 2,000: beyond that the check "each exactly once" cannot be made.
if (!(total >= 1 && total <= 2000)) throw new Error('--incidents: 1 to 2000');

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Desk {
  name: string;
  station: ChildStation;
  /** First time the station emitted each incident, by id (its clock). */
  firstSeen: Map<string, number>;
  /** How many events named each id at rev 1 (an incident announced twice is doubled). */
  rev1Events: Map<string, number>;
}

async function main(): Promise<void> {
  if (brokerKind === 'mosquitto' && missingMosquitto()) {
    throw new Error(`incident-burst: ${missingMosquitto()}`);
  }
  const dirs: string[] = [];
  const sim = await startSimulator({
    cameras: 300,
    units: unitsN,
    seed: 9,
    alertIntervalMs: 0,
    incidentIntervalMs: 0,
    plateHitIntervalMs: 0,
  });
  const broker = brokerKind === 'mosquitto' ? await startBridgedBroker(sim.mqttUrl) : null;
  const desks: Desk[] = [];
  try {
    await broker?.bridged();
    const mqttUrl = broker?.url ?? sim.mqttUrl;
    for (let i = 0; i < stationsN; i++) {
      const dataDir = tempDir('vigil-burst-');
      const configDir = tempDir('vigil-burst-conf-');
      dirs.push(dataDir, configDir);
      const config = httpConfig(
        { baseUrl: sim.baseUrl, mqttUrl },
        { station: { id: `burst-${i + 1}`, operator: `值班长${i + 1}` } },
      );
      const station = ChildStation.start(writeConfig(configDir, config), dataDir);
      desks.push({
        name: `station ${i + 1}`,
        station,
        firstSeen: new Map(),
        rev1Events: new Map(),
      });
    }
    for (const desk of desks) {
      await desk.station.line('READY', 120_000);
      await waitFor(
        `${desk.name} online`,
        async () => (await desk.station.value<{ state: string }>('link.get')).state === 'online',
        60_000,
      );
      desk.station.onLine((line) => {
        if (!line.startsWith('EVENT ')) return;
        const e = JSON.parse(line.slice(6)) as {
          at: number;
          incidents: { id: string; rev: number }[];
        };
        for (const i of e.incidents) {
          if (!desk.firstSeen.has(i.id)) desk.firstSeen.set(i.id, e.at);
          if (i.rev === 1) desk.rev1Events.set(i.id, (desk.rev1Events.get(i.id) ?? 0) + 1);
        }
      });
      desk.station.send('watch incidents');
      await desk.station.line('WATCHING');
    }
    // Let the stations settle (retained camera and unit statuses, the catalog) before the burst.
    await sleep(3000);

    const openedAt = new Map<string, number>();
    const pending: Promise<void>[] = [];
    const intervalMs = (seconds * 1000) / total;
    const t0 = Date.now();
    let lateMs = 0;
    for (let i = 0; i < total; i++) {
      const due = t0 + i * intervalMs;
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait);
      else lateMs = Math.max(lateMs, -wait);
      const at = Date.now();
      pending.push(sim.openIncident({ kind: 'call' }).then((r) => void openedAt.set(r.id, at)));
    }
    await Promise.all(pending);
    const burstMs = Date.now() - t0;
    const ids = [...openedAt.keys()];

    // Until every station emitted every incident (or a minute after the burst: lost).
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && desks.some((d) => ids.some((id) => !d.firstSeen.has(id)))) {
      await sleep(100);
    }
    const lastSeen = Math.max(...desks.flatMap((d) => [...d.firstSeen.values()]));

    const rows: string[] = [];
    let bad = false;
    for (const desk of desks) {
      const latencies = ids
        .map((id) => {
          const seen = desk.firstSeen.get(id);
          return seen === undefined ? null : seen - (openedAt.get(id) as number);
        })
        .filter((x): x is number => x !== null)
        .sort((a, b) => a - b);
      const list = await desk.station.value<Incident[]>('incident.list', { limit: 2000 });
      const listed = new Map<string, number>();
      for (const i of list) listed.set(i.id, (listed.get(i.id) ?? 0) + 1);
      const lost = ids.filter((id) => !listed.has(id)).length;
      const doubledInList = [...listed.values()].filter((n) => n > 1).length;
      const announcedTwice = [...desk.rev1Events.values()].filter((n) => n > 1).length;
      const wrongNumber = list.filter(
        (i) =>
          openedAt.has(i.id) && i.number !== sim.incidents().find((r) => r.id === i.id)?.number,
      ).length;
      if (lost || doubledInList || latencies.length !== ids.length || wrongNumber) bad = true;
      rows.push(
        `| ${desk.name} | ${latencies.length} / ${ids.length} | ${list.filter((i) => openedAt.has(i.id)).length} | ` +
          `${lost} | ${doubledInList} | ${announcedTwice} | ` +
          `${pct(latencies, 50)} / ${pct(latencies, 90)} / ${pct(latencies, 99)} / ${latencies.at(-1) ?? '-'} |`,
      );
    }

    console.log(
      `\n${ids.length} incidents opened by the platform in ${(burstMs / 1000).toFixed(1)} s ` +
        `(target ${seconds} s; pacing at most ${lateMs.toFixed(0)} ms behind), ${unitsN} units ` +
        `publishing positions at 1 Hz, ${stationsN} station processes via ` +
        `${broker ? 'Mosquitto bridged to the simulator' : "the simulator's broker"}; ` +
        `the platform holds ${sim.incidents().length} records; the last one reached the last ` +
        `station ${lastSeen - t0 - burstMs} ms after the burst ended.\n`,
    );
    console.log(
      '| station | emitted | in incident.list | lost | doubled in list | announced twice | latency ms p50 / p90 / p99 / max |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const r of rows) console.log(r);
    if (bad) process.exitCode = 1;
  } finally {
    for (const d of desks) await d.station.stop();
    await broker?.stop();
    await sim.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
