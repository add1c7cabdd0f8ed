/**
 * vigil.config.json: what a station connects to and how it behaves. Every key is validated
 * (unknown keys rejected, so a typo fails loudly instead of silently using a default) and every
 * key is documented twice: in a comment here for the reader of the code, and in `configKeyDocs`
 * for docs and `--help` (the schema's `.describe()` reads from that table, so they cannot drift).
 *
 * No file at all means defaults: the built-in simulator, one station, two 2×2 walls.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { roles } from '../../shared/api';
import { ReinforcementLevelSchema, type ReinforcementLevel } from '../../shared/contract/dispatch';
import { defaultSlaHours } from '../../shared/domain/health/tickets';
import { defaultScoreWeights, scoreParts } from './analysis/score-parts';
import { OperatorNameSchema } from '../../shared/domain/layouts';
import { defaultTimeZone, isTimeZone } from '../../shared/domain/time/hall-time';
import { cutValue, decodeTextFile, findDuplicateJsonKey } from './text-input';

/** Every key of vigil.config.json, its default and what it does (exported for docs). */
export const configKeyDocs = {
  platform: 'Where the catalog, video and realtime data come from. One of three kinds (below).',
  'platform.kind':
    '"simulator" (built-in simulated platform, the default), "http" (a platform implementing docs/protocol.md) or "file" (a catalog file, no platform API).',
  'platform.cameras': 'simulator: how many cameras it simulates. Default 26000.',
  'platform.units': 'simulator: how many patrol units it simulates. Default 400.',
  'platform.seed': 'simulator: random seed, so the same seed gives the same city. Default 1.',
  'platform.port': 'simulator: HTTP port; 0 picks a free one. Default 0.',
  'platform.mqttPort': 'simulator: MQTT port; 0 picks a free one. Default 0.',
  'platform.alertIntervalMs':
    'simulator: how often it sends a random alert (titled 【模拟】), in ms; 0 for never. Default 600000 (10 minutes).',
  'platform.baseUrl': 'http: the platform base URL, e.g. "http://10.1.2.3:8080". Required.',
  'platform.mqttUrl':
    'http / file: the MQTT broker URL, e.g. "mqtt://10.1.2.3:1883". Optional: without it no realtime (camera status, units, alerts).',
  'platform.mqttUsername':
    'http / file: the user name the station gives the MQTT broker. Optional: without it the station connects anonymously. Not in mqttUrl as well.',
  'platform.mqttPassword':
    "http / file: the password for mqttUsername (never logged; keep the file readable by the station's account only). Optional.",
  'platform.mqttCaFile':
    "http / file: a PEM file of the CA that signed the broker's certificate, relative to the config file, for an mqtts:// or wss:// mqttUrl; a broker certificate it did not sign is refused. Optional: without it the CAs Node trusts.",
  'platform.mqttCertFile':
    'http / file: a PEM client certificate for a broker that asks for one, relative to the config file; with mqttKeyFile, for an mqtts:// or wss:// mqttUrl. Optional.',
  'platform.mqttKeyFile':
    'http / file: the PEM private key (not encrypted) of mqttCertFile, relative to the config file. Optional.',
  'platform.eventsUrl':
    'file: the URL operator actions (patrol marks, tour records) are POSTed to, as a platform\'s /api/v1/events (docs/protocol.md §4), e.g. "http://10.1.2.3:8080/api/v1/events". Optional: without it they are kept on this machine only, and the desk says so.',
  'platform.roadsFile':
    "file: the district's road graph (docs/protocol.md §8 road format), relative to the config file, for ranking units by road ETA. Optional: without it units are ranked by straight-line time.",
  'platform.catalogFile':
    'file: a JSON or CSV catalog (docs/protocol.md §5), relative to the config file. Required.',
  station: 'Who this workstation is.',
  'station.id':
    'Station id; the MQTT client id is "vigil-<id>", so one per broker: two workstations with one id log each other out, and the link says so. Default "station-1".',
  'station.operator':
    'No longer decides who acts (operators sign in at the desk); the name the crash-test harness signs in as. Trimmed, 1-64 characters, no control characters. Default "值机员".',
  'station.role':
    'No longer decides what anyone may do (each operator account has its role); read so older files still load. Default "watcher".',
  'station.idleLockMinutes':
    'The desk locks after this many minutes without a key, a click or a move (0: never); the walls keep working. 0-720, default 15.',
  'station.timeZone':
    'The time zone the hall works in, an IANA name such as "Asia/Shanghai" or "Asia/Urumqi": every clock, time shown, date picked, record and CSV export uses it, whatever zone the machine is set to. Default "Asia/Shanghai".',
  walls: 'The video wall.',
  'walls.count':
    'How many wall windows (used by the browser host; the Electron shell plans one per display). Default 2.',
  'walls.cols': 'Tiles across each wall. Default 2.',
  'walls.rows': 'Tiles down each wall. Default 2.',
  'walls.decoderBudget':
    'Streams each wall window decodes at once (its decoder budget): a whole number 1-64 forces it; "auto" uses what the calibration at a wall\'s first start measured on this machine (kept by the window, so it runs once); "calibrate" measures again at every start of a wall. Default "auto".',
  'walls.memoryLimitMb':
    "A wall window whose renderer holds more memory than this (MB, its working set, sampled each minute) two minutes running is reloaded (Electron shell): it comes back as it was in a few seconds and says why. Chromium's memory grows on a live wall (hundreds of MB an hour with 16 tiles); 0 turns the guard off. Default 3072.",
  'walls.pageReloadHours':
    "Wall pages in a browser (the browser host): a wall page reloads itself after this many hours, at a calm moment (no tile enlarged, played back, pulled by an alert or held by a tour stop; an hour later in any case), to give back the memory Chromium's video pipeline keeps (hundreds of MB an hour with 16 tiles; a browser page cannot read its own). It comes back as it was in a few seconds and says why. Electron walls use walls.memoryLimitMb instead. 0: never. Default 6.",
  'walls.splitDisplays':
    'Video-wall controllers that show as one huge display, split into logical monitors (Electron shell): every display of width×height (as the OS reports it, e.g. 3840×2160) becomes cols × rows walls, e.g. [{"width":3840,"height":2160,"cols":2,"rows":2}]. Default [].',
  security:
    'Extra origins the renderer may load from (its Content-Security-Policy), and the origins a link may open in the system browser.',
  'security.streamHosts':
    'Extra origins (scheme://host:port) for video and API requests (media-src, connect-src), e.g. a CDN in front of the platform. Default [].',
  'security.tileHosts': 'Extra origins for map tiles (img-src). Default [].',
  'security.externalHosts':
    'Origins (scheme://host:port) whose http(s) links the Electron shell opens in the system browser; a link to any other origin is blocked. Default [] (nothing opens).',
  serve: 'The browser host (electron/serve).',
  'serve.host': 'Address it binds. Default "127.0.0.1" (loopback only).',
  'serve.port': 'Port it listens on. Default 5180.',
  outbox: 'Delivery of operator actions to the platform.',
  'outbox.retryBaseMs':
    'First retry delay after a failed delivery, ms; doubles each attempt. Default 1000.',
  'outbox.retryMaxMs': 'Longest retry delay, ms. Default 60000.',
  upstream: 'The platform connection.',
  'upstream.catalogPollMs':
    'How often to ask the platform whether the catalog changed, ms. Default 60000.',
  'upstream.timeoutMs': 'Timeout of each HTTP request to the platform, ms. Default 5000.',
  locale: '"auto" (from the OS), "zh-CN" or "en". Default "auto".',
  watch: 'Watch modes: how an alert pulls cameras into focus (重点盯巡 linkage).',
  'watch.linkageWall':
    'The wall whose tiles an alert with a location pulls cameras onto. Default 1.',
  'watch.linkageTiles':
    'The tiles of that wall (0-based; pinned tiles are skipped), best-placed camera first. Default [0, 1, 2, 3].',
  'watch.linkageRadiusM':
    'Cameras within this many metres of the alert are candidates, ranked by whether the point is in their field of view, then distance. Default 300.',
  'watch.pullMinutes': 'How long pulled cameras stay unless the operator keeps them. Default 10.',
  'watch.tourHoldSeconds':
    'How long a tour stop marked abnormal at the wall stays on screen for its note (its dwell paused) before the mark goes by itself. Default 8.',
  map: 'The tactical map: base-map tiles and unit tracks.',
  'map.tileUrl':
    'XYZ tile URL template of the intranet GIS server, e.g. "http://10.1.2.4/tiles/{z}/{x}/{y}.png". Tiles are fetched by the station and cached in dataDir/tiles.mbtiles. Default: the simulator\'s own tiles with the simulator, else none (cache / offline package only).',
  'map.tileCrs':
    '"WGS84" or "GCJ02": the datum the tiles are drawn in (Chinese GIS servers usually serve GCJ-02; positions are then shifted to match). Default "WGS84".',
  'map.maxZoom': 'Deepest zoom the map offers. Default 18.',
  'map.tileCacheMb':
    'Most MB of map tiles fetched on demand kept in dataDir/tiles.mbtiles; past it the least recently used are evicted. Tiles imported from an offline package are not counted and never evicted. 16-1048576. Default 2048.',
  'map.trackRetentionDays':
    'Days of unit positions kept in the cache (~1.6 GB a day for 400 units at 1 Hz). Default 8: a week of daily track reviews and the weekly score, with a day to spare (~13 GB at most).',
  dispatch: 'Dispatch (接处警): order timers, the city region, reinforcement levels, the cordon.',
  'dispatch.ackLimitMinutes':
    'Minutes a unit has to acknowledge an order before the desk flags it late. 0.01-120. Default 5.',
  'dispatch.arrivalLimitMinutes':
    'Minutes a unit has to arrive, from the order: `{ "urban": 5, "suburban": 10 }` (urban when the incident lies in one of dispatch.urbanRegions). 0.01-240 each.',
  'dispatch.arrivalLimitMinutes.urban': 'Arrival limit in the city, minutes. Default 5.',
  'dispatch.arrivalLimitMinutes.suburban': 'Arrival limit outside the city, minutes. Default 10.',
  'dispatch.urbanRegions':
    "Region ids (catalog areas of level region) that are urban for the arrival limit. Default: the regions whose name contains 城区 or 市区 (the simulator's R1 城区).",
  'dispatch.levels':
    'Reinforcement levels (区域协作增援): id, name, rings (ring: grid | neighbour-grids | zone | neighbour-zones | special, units, kinds), viewId, mapZoom. Default 一级/二级/三级.',
  'dispatch.cordonHorizonMinutes':
    'The largest cordon ring, in minutes from now: a plan tries rings of 1, 2, 3, 4, 6, 8, 10, 15, 20 minutes up to this and takes the smallest whose exits units can close before the suspect. 1-120. Default 10.',
  analysis:
    'Analysis (issue #17): the incident history kept, roll call times and anomaly thresholds, the weekly score formula.',
  'analysis.historyDays':
    "Days of the platform's incident history imported at start (and daily) for the products. 1-731. Default 365.",
  'analysis.rollCalls':
    'Times of the daily roll calls (点名), HH:MM hall time, 1-12 distinct. Default ["08:00", "14:00", "20:00"].',
  'analysis.shiftHours':
    'A unit seen (a fix) within this many hours before a roll call is on duty for it. 1-48. Default 12.',
  'analysis.staleFixMinutes':
    'Roll call: a last fix older than this is stale (stale-fix). 1-120. Default 5.',
  'analysis.noFixMinutes':
    'Roll call: a last fix older than this counts as no fix at all (no-fix). 1-1440. Default 30.',
  'analysis.parkedMinutes':
    'Roll call: a unit that has not moved beyond analysis.parkedRadiusM for this long is parked. 5-1440. Default 60.',
  'analysis.parkedRadiusM': 'Roll call: the radius of "not moved", metres. 5-1000. Default 50.',
  'analysis.score':
    'The weekly score: `weights` of its parts (lines, points, warnings, patrolHours, incidents, ackTime, arrivalTime), each 0-1, summing to 1; parts not named weigh 0.',
  'analysis.score.weights':
    'Default { "lines": 0.2, "points": 0.2, "warnings": 0.15, "patrolHours": 0.15, "incidents": 0.1, "ackTime": 0.1, "arrivalTime": 0.1 }.',
  'analysis.score.patrolHoursTarget':
    'Hours a week moving in its beat that earn a unit the full 100 points of patrolHours. 1-168. Default 40.',
  health:
    'Camera health (issue #16): the background prober, when a fault opens a ticket, SLA hours, maintenance windows, the weekly report, the history kept.',
  'health.probe':
    'The background prober: checks the live playlists of cameras on no wall tile (never decoding), at a request budget.',
  'health.probe.enabled': 'Run the prober. Default true.',
  'health.probe.ratePerSecond':
    "Most playlist requests a second the prober makes (the platform's load): 0.1-200. Default 20 (two requests a camera, the playlist and its newest segment: 26,000 cameras in about 44 minutes).",
  'health.probe.periodMinutes':
    'Every camera is checked within this many minutes (a round); a round that would need more than ratePerSecond takes longer and says so. 1-1440. Default 60.',
  'health.probe.timeoutMs':
    'A probe request that takes longer is given up (counted as a timeout, never blocking the others). 100-60000. Default 5000.',
  'health.ticketAfterSeconds':
    'How long a fault (offline, black, frozen, obstructed) must last without a break before a ticket opens; a camera that keeps flapping under it opens none. 10-86400. Default 120.',
  'health.autoVerifyHours':
    'A repaired ticket whose camera stays healthy this many hours is verified and closed by itself (posted by "auto"). 0.25-720. Default 24.',
  'health.slaHours':
    'Hours to repair by camera kind: `{ "checkpoint": 3, "fixed": 8, "vehicle": 24, "body": 24 }`; past it a ticket is flagged breached. 0.25-720 each.',
  'health.slaHours.checkpoint': 'SLA for checkpoint (卡口) cameras, hours. Default 3.',
  'health.slaHours.fixed': 'SLA for fixed cameras, hours. Default 8.',
  'health.slaHours.vehicle': 'SLA for vehicle cameras, hours. Default 24.',
  'health.slaHours.body': 'SLA for body cameras, hours. Default 24.',
  'health.maintenanceWindows':
    'Daily maintenance windows in hall time, excluded from the expected time of the online rate: `[{ "start": "02:00", "end": "03:00" }]` (a window may run past midnight). Default [].',
  'health.report': 'When the weekly report (每周通报) is made, hall time, for the week just ended.',
  'health.report.weekday': 'Day of the week it is made, 1 = Monday … 7 = Sunday. Default 1.',
  'health.report.time': 'Time of day it is made, HH:MM (24-hour, hall time). Default "08:00".',
  'health.historyDays':
    "Days of the platform's down-interval history imported at start (and daily) for the rates and the report. 1-366. Default 56 (8 weeks).",
} as const;

type DocKey = keyof typeof configKeyDocs;
const d = (key: DocKey) => configKeyDocs[key];

/**
 * A user name or password in an http(s) URL cannot work: Node's fetch refuses such URLs outright
 * ("Request cannot be constructed from a URL that includes credentials"), so the station would
 * start and then fail every request. Refused at start, naming the key, instead.
 */
const noCredentials = (s: string) => !URL.canParse(s) || !/^[^/]*\/\/[^/]*@/.test(s);
const credentialsMessage =
  'must not carry a user name or password (user:pass@): the station cannot send them; give the host only';
const httpUrl = z
  .string()
  .refine((s) => /^https?:\/\/[^\s/]+[^\s]*$/i.test(s) && URL.canParse(s), {
    message: 'must be an http(s) URL',
  })
  .refine(noCredentials, { message: credentialsMessage });
const mqttUrl = z
  .string()
  .refine((s) => /^(mqtts?|wss?):\/\/[^\s/]+[^\s]*$/i.test(s) && URL.canParse(s), {
    message: 'must be an mqtt(s):// or ws(s):// URL',
  });
const origin = z
  .string()
  .refine((s) => /^https?:\/\/[^\s/]+$/i.test(s.replace(/\/$/, '')) && URL.canParse(s), {
    message: 'must be an origin like "http://host:port"',
  });
const port = z.number().int().min(0).max(65535);
/** A time of day in the hall, HH:MM (24-hour). */
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day HH:MM (24-hour)');
const slaHours = (fallback: number) => z.number().min(0.25).max(720).default(fallback);
const positiveMs = z
  .number()
  .int()
  .min(1)
  .max(24 * 3600 * 1000);

/**
 * The reinforcement levels a station has unless its file says otherwise: 一级 sends two more
 * from the grid's neighbours, 二级 fills the zone, 三级 draws on neighbouring zones and the
 * special units (梯次派警: each level a wider ring).
 */
export const defaultReinforcementLevels: ReinforcementLevel[] = [
  {
    id: 'L1',
    name: '一级',
    rings: [
      { ring: 'grid', units: 2 },
      { ring: 'neighbour-grids', units: 2 },
    ],
    mapZoom: 16,
  },
  {
    id: 'L2',
    name: '二级',
    rings: [
      { ring: 'grid', units: 2 },
      { ring: 'neighbour-grids', units: 4 },
      { ring: 'zone', units: 4 },
    ],
    mapZoom: 15,
  },
  {
    id: 'L3',
    name: '三级',
    rings: [
      { ring: 'grid', units: 3 },
      { ring: 'neighbour-grids', units: 6 },
      { ring: 'zone', units: 6 },
      { ring: 'neighbour-zones', units: 8 },
      { ring: 'special', units: 4 },
    ],
    mapZoom: 14,
  },
];

/** The built-in simulator's random alert: one every 10 minutes unless the config says. */
export const simulatorAlertIntervalMs = 600_000;

const SimulatorPlatformSchema = z.strictObject({
  /** The built-in simulated platform (electron/sim), started by the core. */
  kind: z.literal('simulator'),
  /** How many cameras the simulator makes up. */
  cameras: z.number().int().min(1).max(200_000).default(26_000).describe(d('platform.cameras')),
  /** How many patrol units it moves around. */
  units: z.number().int().min(0).max(10_000).default(400).describe(d('platform.units')),
  /** Same seed, same city. */
  seed: z.number().int().default(1).describe(d('platform.seed')),
  /** HTTP port, 0 = any free port. */
  port: port.default(0).describe(d('platform.port')),
  /** MQTT port, 0 = any free port. */
  mqttPort: port.default(0).describe(d('platform.mqttPort')),
  /** How often a random alert, ms; 0 = never (a demo stays calm; tests post their own). */
  alertIntervalMs: z
    .number()
    .int()
    .min(0)
    .max(7 * 86_400_000)
    .default(simulatorAlertIntervalMs)
    .describe(d('platform.alertIntervalMs')),
});

/** The broker's credentials and TLS files (http and file platforms; checked by checkMqttBroker). */
const mqttBrokerKeys = {
  /** Broker user name; anonymous without it. */
  mqttUsername: z.string().min(1).max(256).optional().describe(d('platform.mqttUsername')),
  /** Its password: never logged. */
  mqttPassword: z.string().min(1).max(1024).optional().describe(d('platform.mqttPassword')),
  /** CA of the broker's certificate, PEM, relative to the config file (made absolute by loadConfig). */
  mqttCaFile: z.string().min(1).max(4096).optional().describe(d('platform.mqttCaFile')),
  /** Client certificate, PEM, relative to the config file. */
  mqttCertFile: z.string().min(1).max(4096).optional().describe(d('platform.mqttCertFile')),
  /** Its private key, PEM, relative to the config file. */
  mqttKeyFile: z.string().min(1).max(4096).optional().describe(d('platform.mqttKeyFile')),
};
const mqttFileKeys = ['mqttCaFile', 'mqttCertFile', 'mqttKeyFile'] as const;

const HttpPlatformSchema = z.strictObject({
  /** A real platform that implements docs/protocol.md. */
  kind: z.literal('http'),
  /** Its base URL for the catalog and events. */
  baseUrl: httpUrl.describe(d('platform.baseUrl')),
  /** Its MQTT broker; without it the station has no realtime data. */
  mqttUrl: mqttUrl.optional().describe(d('platform.mqttUrl')),
  ...mqttBrokerKeys,
});

const FilePlatformSchema = z.strictObject({
  /** No platform API: the catalog comes from a file. */
  kind: z.literal('file'),
  /** JSON or CSV, relative to the config file (made absolute by loadConfig). */
  catalogFile: z.string().min(1).describe(d('platform.catalogFile')),
  /** An MQTT broker, if the hall has one. */
  mqttUrl: mqttUrl.optional().describe(d('platform.mqttUrl')),
  ...mqttBrokerKeys,
  /** Where operator actions are POSTed; without it they stay in the outbox on this machine. */
  eventsUrl: httpUrl.optional().describe(d('platform.eventsUrl')),
  /** The road graph, relative to the config file (made absolute by loadConfig). */
  roadsFile: z.string().min(1).max(4096).optional().describe(d('platform.roadsFile')),
});

export const VigilConfigSchema = z
  .strictObject({
    /** Where data comes from. */
    platform: z
      .discriminatedUnion('kind', [SimulatorPlatformSchema, HttpPlatformSchema, FilePlatformSchema])
      .prefault({ kind: 'simulator' })
      .describe(d('platform')),
    /** Who this workstation is. */
    station: z
      .strictObject({
        /** Station id (MQTT client id vigil-<id>). */
        id: z
          .string()
          .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, "-" or "_"')
          .default('station-1')
          .describe(d('station.id')),
        /** The operator signed in. */
        operator: OperatorNameSchema.default('值机员').describe(d('station.operator')),
        /** Kept for older files: accounts carry the roles now. */
        role: z.enum(roles).default('watcher').describe(d('station.role')),
        /** The desk's idle lock. */
        idleLockMinutes: z
          .number()
          .int()
          .min(0)
          .max(720)
          .default(15)
          .describe(d('station.idleLockMinutes')),
        /** The hall's one clock (IANA zone). */
        timeZone: z
          .string()
          .refine(
            isTimeZone,
            'not a time zone this runtime knows (an IANA name, e.g. "Asia/Shanghai")',
          )
          .default(defaultTimeZone)
          .describe(d('station.timeZone')),
      })
      .prefault({})
      .describe(d('station')),
    /** The video wall. */
    walls: z
      .strictObject({
        /** Wall windows for the browser host (Electron: one per display). */
        count: z.number().int().min(1).max(64).default(2).describe(d('walls.count')),
        /** Tiles across. */
        cols: z.number().int().min(1).max(8).default(2).describe(d('walls.cols')),
        /** Tiles down. */
        rows: z.number().int().min(1).max(8).default(2).describe(d('walls.rows')),
        /** Decoder budget per wall window: forced, or measured once per machine. */
        decoderBudget: z
          .union([z.enum(['auto', 'calibrate']), z.number().int().min(1).max(64)])
          .default('auto')
          .describe(d('walls.decoderBudget')),
        /** The memory guard's limit per wall renderer, MB (0: off). */
        memoryLimitMb: z
          .union([z.literal(0), z.number().int().min(512).max(65_536)])
          .default(3072)
          .describe(d('walls.memoryLimitMb')),
        /** Browser wall pages reload themselves after this many hours (0: never). */
        pageReloadHours: z
          .union([z.literal(0), z.number().min(1).max(168)])
          .default(6)
          .describe(d('walls.pageReloadHours')),
        /** Displays split into logical monitors. */
        splitDisplays: z
          .array(
            z
              .strictObject({
                width: z.number().int().min(320).max(65_536),
                height: z.number().int().min(240).max(65_536),
                cols: z.number().int().min(1).max(8),
                rows: z.number().int().min(1).max(8),
              })
              .refine((s) => s.width / s.cols >= 160 && s.height / s.rows >= 120, {
                message: 'each logical monitor must be at least 160×120',
              }),
          )
          .max(16)
          .default([])
          .describe(d('walls.splitDisplays')),
      })
      .prefault({})
      .describe(d('walls')),
    /** Extra CSP origins. */
    security: z
      .strictObject({
        /** media-src / connect-src. */
        streamHosts: z.array(origin).max(100).default([]).describe(d('security.streamHosts')),
        /** img-src. */
        tileHosts: z.array(origin).max(100).default([]).describe(d('security.tileHosts')),
        /** Links to these open in the system browser; any other is blocked. */
        externalHosts: z.array(origin).max(100).default([]).describe(d('security.externalHosts')),
      })
      .prefault({})
      .describe(d('security')),
    /** The browser host. */
    serve: z
      .strictObject({
        /** Bind address. */
        host: z.string().min(1).max(255).default('127.0.0.1').describe(d('serve.host')),
        /** Port. */
        port: port.default(5180).describe(d('serve.port')),
      })
      .prefault({})
      .describe(d('serve')),
    /** Outbox delivery. */
    outbox: z
      .strictObject({
        /** First retry delay, doubling. */
        retryBaseMs: positiveMs.default(1000).describe(d('outbox.retryBaseMs')),
        /** Longest retry delay. */
        retryMaxMs: positiveMs.default(60_000).describe(d('outbox.retryMaxMs')),
      })
      .prefault({})
      .refine((o) => o.retryMaxMs >= o.retryBaseMs, {
        message: 'retryMaxMs must be >= retryBaseMs',
        path: ['retryMaxMs'],
      })
      .describe(d('outbox')),
    /** The platform connection. */
    upstream: z
      .strictObject({
        /** Catalog poll period. */
        catalogPollMs: positiveMs.default(60_000).describe(d('upstream.catalogPollMs')),
        /** HTTP timeout. */
        timeoutMs: positiveMs.default(5000).describe(d('upstream.timeoutMs')),
      })
      .prefault({})
      .describe(d('upstream')),
    /** Focus linkage. */
    watch: z
      .strictObject({
        linkageWall: z.number().int().min(1).max(64).default(1).describe(d('watch.linkageWall')),
        linkageTiles: z
          .array(z.number().int().min(0).max(255))
          .min(1)
          .max(64)
          .refine((t) => new Set(t).size === t.length, { message: 'a tile is listed twice' })
          .default([0, 1, 2, 3])
          .describe(d('watch.linkageTiles')),
        linkageRadiusM: z
          .number()
          .min(10)
          .max(5_000)
          .default(300)
          .describe(d('watch.linkageRadiusM')),
        pullMinutes: z
          .number()
          .min(1)
          .max(24 * 60)
          .default(10)
          .describe(d('watch.pullMinutes')),
        tourHoldSeconds: z
          .number()
          .int()
          .min(1)
          .max(60)
          .default(8)
          .describe(d('watch.tourHoldSeconds')),
      })
      .prefault({})
      .describe(d('watch')),
    /** UI language. */
    locale: z.enum(['auto', 'zh-CN', 'en']).default('auto').describe(d('locale')),
    /** The tactical map. */
    map: z
      .strictObject({
        /** GIS tile template; omitted = the simulator's tiles, or none. */
        tileUrl: z
          .string()
          .refine(
            (s) =>
              /^https?:\/\/[^\s]+$/i.test(s) &&
              /\{z\}/.test(s) &&
              /\{x\}/.test(s) &&
              /\{y\}/.test(s),
            {
              message: 'must be an http(s) URL template with {z}, {x} and {y}',
            },
          )
          .refine(noCredentials, { message: credentialsMessage })
          .optional()
          .describe(d('map.tileUrl')),
        /** Datum of the tiles. */
        tileCrs: z.enum(['WGS84', 'GCJ02']).default('WGS84').describe(d('map.tileCrs')),
        /** Deepest zoom. */
        maxZoom: z.number().int().min(10).max(22).default(18).describe(d('map.maxZoom')),
        /** Bound of the on-demand tile cache, MB (imported packages not counted). */
        tileCacheMb: z
          .number()
          .int()
          .min(16)
          .max(1_048_576)
          .default(2048)
          .describe(d('map.tileCacheMb')),
        /** Position retention, days. */
        trackRetentionDays: z
          .number()
          .int()
          .min(1)
          .max(3650)
          .default(8)
          .describe(d('map.trackRetentionDays')),
      })
      .prefault({})
      .describe(d('map')),
    /** Dispatch: timers, the city, reinforcement levels, the cordon. */
    dispatch: z
      .strictObject({
        ackLimitMinutes: z
          .number()
          .min(0.01)
          .max(120)
          .default(5)
          .describe(d('dispatch.ackLimitMinutes')),
        arrivalLimitMinutes: z
          .strictObject({
            urban: z
              .number()
              .min(0.01)
              .max(240)
              .default(5)
              .describe(d('dispatch.arrivalLimitMinutes.urban')),
            suburban: z
              .number()
              .min(0.01)
              .max(240)
              .default(10)
              .describe(d('dispatch.arrivalLimitMinutes.suburban')),
          })
          .prefault({})
          .describe(d('dispatch.arrivalLimitMinutes')),
        urbanRegions: z
          .array(z.string().min(1).max(100))
          .max(100)
          .optional()
          .describe(d('dispatch.urbanRegions')),
        levels: z
          .array(ReinforcementLevelSchema)
          .min(1)
          .max(20)
          .refine((l) => new Set(l.map((x) => x.id)).size === l.length, {
            message: 'a level id is listed twice',
          })
          .default(defaultReinforcementLevels)
          .describe(d('dispatch.levels')),
        cordonHorizonMinutes: z
          .number()
          .min(1)
          .max(120)
          .default(10)
          .describe(d('dispatch.cordonHorizonMinutes')),
      })
      .prefault({})
      .describe(d('dispatch')),
    /** Analysis: the incident history, roll calls, the weekly score's formula (issue #17). */
    analysis: z
      .strictObject({
        historyDays: z
          .number()
          .int()
          .min(1)
          .max(731)
          .default(365)
          .describe(d('analysis.historyDays')),
        rollCalls: z
          .array(hhmm)
          .min(1)
          .max(12)
          .refine((a) => new Set(a).size === a.length, 'the times must be distinct')
          .default(['08:00', '14:00', '20:00'])
          .describe(d('analysis.rollCalls')),
        shiftHours: z.number().min(1).max(48).default(12).describe(d('analysis.shiftHours')),
        staleFixMinutes: z
          .number()
          .min(1)
          .max(120)
          .default(5)
          .describe(d('analysis.staleFixMinutes')),
        noFixMinutes: z.number().min(1).max(1440).default(30).describe(d('analysis.noFixMinutes')),
        parkedMinutes: z
          .number()
          .min(5)
          .max(1440)
          .default(60)
          .describe(d('analysis.parkedMinutes')),
        parkedRadiusM: z
          .number()
          .min(5)
          .max(1000)
          .default(50)
          .describe(d('analysis.parkedRadiusM')),
        score: z
          .strictObject({
            weights: z
              .record(z.string(), z.number())
              .default({ ...defaultScoreWeights })
              .superRefine((w, ctx) => {
                for (const [key, v] of Object.entries(w)) {
                  if (!(scoreParts as readonly string[]).includes(key)) {
                    ctx.addIssue({
                      code: 'custom',
                      path: [key],
                      message: `unknown part "${key}" (known: ${scoreParts.join(', ')})`,
                    });
                  } else if (!Number.isFinite(v) || v < 0 || v > 1) {
                    ctx.addIssue({ code: 'custom', path: [key], message: 'must be 0-1' });
                  }
                }
                const sum = Object.values(w).reduce((a, b) => a + b, 0);
                if (Math.abs(sum - 1) > 1e-6) {
                  ctx.addIssue({
                    code: 'custom',
                    message: `the weights must sum to 1 (they sum to ${Math.round(sum * 1000) / 1000})`,
                  });
                }
              })
              .describe(d('analysis.score.weights')),
            patrolHoursTarget: z
              .number()
              .min(1)
              .max(168)
              .default(40)
              .describe(d('analysis.score.patrolHoursTarget')),
          })
          .prefault({})
          .describe(d('analysis.score')),
      })
      .prefault({})
      .describe(d('analysis')),
    /** Camera health: the prober, tickets, SLA, maintenance windows, the weekly report. */
    health: z
      .strictObject({
        probe: z
          .strictObject({
            enabled: z.boolean().default(true).describe(d('health.probe.enabled')),
            ratePerSecond: z
              .number()
              .min(0.1)
              .max(200)
              .default(20)
              .describe(d('health.probe.ratePerSecond')),
            periodMinutes: z
              .number()
              .min(1)
              .max(1440)
              .default(60)
              .describe(d('health.probe.periodMinutes')),
            timeoutMs: z
              .number()
              .int()
              .min(100)
              .max(60_000)
              .default(5000)
              .describe(d('health.probe.timeoutMs')),
          })
          .prefault({})
          .describe(d('health.probe')),
        ticketAfterSeconds: z
          .number()
          .int()
          .min(10)
          .max(86_400)
          .default(120)
          .describe(d('health.ticketAfterSeconds')),
        autoVerifyHours: z
          .number()
          .min(0.25)
          .max(720)
          .default(24)
          .describe(d('health.autoVerifyHours')),
        slaHours: z
          .strictObject({
            checkpoint: slaHours(defaultSlaHours.checkpoint).describe(
              d('health.slaHours.checkpoint'),
            ),
            fixed: slaHours(defaultSlaHours.fixed).describe(d('health.slaHours.fixed')),
            vehicle: slaHours(defaultSlaHours.vehicle).describe(d('health.slaHours.vehicle')),
            body: slaHours(defaultSlaHours.body).describe(d('health.slaHours.body')),
          })
          .prefault({})
          .describe(d('health.slaHours')),
        maintenanceWindows: z
          .array(z.strictObject({ start: hhmm, end: hhmm }))
          .max(24)
          .refine((w) => w.every((x) => x.start !== x.end), {
            message: 'a maintenance window starts and ends at different times',
          })
          .default([])
          .describe(d('health.maintenanceWindows')),
        report: z
          .strictObject({
            weekday: z.number().int().min(1).max(7).default(1).describe(d('health.report.weekday')),
            time: hhmm.default('08:00').describe(d('health.report.time')),
          })
          .prefault({})
          .describe(d('health.report')),
        historyDays: z.number().int().min(1).max(366).default(56).describe(d('health.historyDays')),
      })
      .prefault({})
      .describe(d('health')),
  })
  .describe('vigil.config.json');

export type VigilConfig = z.output<typeof VigilConfigSchema>;
/** What a person may write in the file (every key optional where a default exists). */
export type VigilConfigInput = z.input<typeof VigilConfigSchema>;
export type PlatformConfig = VigilConfig['platform'];

/** A config file that cannot be used: the message names the file, the key and the problem. */
export class ConfigError extends Error {
  constructor(
    message: string,
    /** The file, or null for an in-memory config. */
    readonly file: string | null,
    /** The key path ("platform.baseUrl"), or null when the whole file is bad. */
    readonly key: string | null,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

export const DEFAULT_CONFIG_FILE = 'vigil.config.json';

export interface LoadConfigOptions {
  /** Throw if the file does not exist (a path the operator typed), instead of using defaults. */
  mustExist?: boolean;
}

/**
 * Reads and validates a config file. No path, or no file at that path, gives the defaults
 * (unless `mustExist`). `platform.catalogFile` is made absolute, relative to the file.
 */
export function loadConfig(path?: string, options: LoadConfigOptions = {}): VigilConfig {
  if (path === undefined) return parseConfig({});
  const label = path;
  if (!existsSync(path)) {
    if (options.mustExist) throw new ConfigError(`${label}: file not found`, label, null);
    return parseConfig({}, label);
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new ConfigError(`${label}: cannot read: ${(error as Error).message}`, label, null);
  }
  // UTF-8 (BOM or not) or UTF-16 with a BOM; GBK and the like are refused, never garbled.
  const decoded = decodeTextFile(bytes);
  if (!decoded.ok) throw new ConfigError(`${label}: ${decoded.problem}`, label, null);
  let raw: unknown;
  try {
    raw = JSON.parse(decoded.text);
  } catch (error) {
    throw new ConfigError(
      `${label}: not valid JSON: ${cutValue((error as Error).message, 200)}`,
      label,
      null,
    );
  }
  // JSON.parse keeps the last of two equal keys: which one the person meant is unknowable.
  const duplicate = findDuplicateJsonKey(decoded.text);
  if (duplicate) {
    throw new ConfigError(
      `${label}: ${duplicate.path}: key given twice (lines ${duplicate.firstLine} and ${duplicate.line})`,
      label,
      duplicate.path,
    );
  }
  const config = parseConfig(raw, label);
  const base = dirname(resolve(path));
  if (config.platform.kind === 'file' && !isAbsolute(config.platform.catalogFile)) {
    config.platform.catalogFile = resolve(base, config.platform.catalogFile);
  }
  if (config.platform.kind === 'file') {
    const roads = config.platform.roadsFile;
    if (roads !== undefined && !isAbsolute(roads)) config.platform.roadsFile = resolve(base, roads);
  }
  if (config.platform.kind !== 'simulator') {
    const platform = config.platform;
    for (const key of mqttFileKeys) {
      const file = platform[key];
      if (file !== undefined && !isAbsolute(file)) platform[key] = resolve(base, file);
    }
    readMqttBroker(platform, label); // a missing or unreadable PEM stops the start here
  }
  return config;
}

/** Validates a config value (from a file or a test); throws ConfigError naming the key. */
export function parseConfig(raw: unknown, label = DEFAULT_CONFIG_FILE): VigilConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(`${label}: must be a JSON object`, label, null);
  }
  const parsed = VigilConfigSchema.safeParse(raw);
  if (parsed.success) {
    checkMqttBroker(parsed.data.platform, label);
    return parsed.data;
  }
  const issue = parsed.error.issues[0];
  if (!issue) throw new ConfigError(`${label}: invalid`, label, null);
  let path = issue.path.map((p) => cutValue(String(p), 60));
  let problem = cutValue(issue.message, 200);
  if (issue.code === 'unrecognized_keys') {
    path = [...path, cutValue(issue.keys[0] ?? '?', 60)];
    problem = 'unknown key';
  } else if (issue.code === 'invalid_union' && path[path.length - 1] === 'kind') {
    problem = 'must be "simulator", "http" or "file"';
  } else if (issue.code === 'invalid_type') {
    problem = issue.message.replace(/^Invalid input: /, '');
  }
  const key = path.join('.') || null;
  throw new ConfigError(`${label}: ${key ? `${key}: ` : ''}${problem}`, label, key);
}

/** The keys that go together with platform.mqttUrl, checked against each other. */
function checkMqttBroker(platform: PlatformConfig, label: string): void {
  if (platform.kind === 'simulator') return;
  const fail = (key: string, problem: string): never => {
    throw new ConfigError(`${label}: platform.${key}: ${problem}`, label, `platform.${key}`);
  };
  const given = (['mqttUsername', 'mqttPassword', ...mqttFileKeys] as const).filter(
    (key) => platform[key] !== undefined,
  );
  if (platform.mqttUrl === undefined) {
    if (given[0]) fail(given[0], 'needs platform.mqttUrl');
    return;
  }
  const url = new URL(platform.mqttUrl);
  if (url.username !== '' && platform.mqttUsername !== undefined) {
    fail('mqttUsername', 'platform.mqttUrl has a user name already: give it in one place');
  }
  if (platform.mqttPassword !== undefined && platform.mqttUsername === undefined) {
    fail('mqttPassword', 'needs platform.mqttUsername');
  }
  const tls = url.protocol === 'mqtts:' || url.protocol === 'wss:';
  for (const key of mqttFileKeys) {
    if (platform[key] !== undefined && !tls) {
      fail(
        key,
        `needs an mqtts:// or wss:// platform.mqttUrl (${url.protocol}// is not encrypted)`,
      );
    }
  }
  if ((platform.mqttCertFile === undefined) !== (platform.mqttKeyFile === undefined)) {
    fail(
      platform.mqttCertFile === undefined ? 'mqttCertFile' : 'mqttKeyFile',
      'platform.mqttCertFile and platform.mqttKeyFile go together',
    );
  }
}

/** What the station gives the MQTT client besides the URL: credentials and TLS material. */
export interface MqttBrokerOptions {
  username?: string;
  password?: string;
  /** PEM text. */
  ca?: string;
  cert?: string;
  key?: string;
}

/**
 * The broker options of a platform, its PEM files read and checked (each must exist, be
 * readable and hold what its key says); throws ConfigError naming the key otherwise. The
 * simulator's broker needs none.
 */
export function readMqttBroker(
  platform: PlatformConfig,
  label = DEFAULT_CONFIG_FILE,
): MqttBrokerOptions {
  if (platform.kind === 'simulator' || platform.mqttUrl === undefined) return {};
  const options: MqttBrokerOptions = {};
  if (platform.mqttUsername !== undefined) options.username = platform.mqttUsername;
  if (platform.mqttPassword !== undefined) options.password = platform.mqttPassword;
  if (platform.mqttCaFile !== undefined) {
    options.ca = readPem(platform.mqttCaFile, 'mqttCaFile', 'certificate', label);
  }
  if (platform.mqttCertFile !== undefined) {
    options.cert = readPem(platform.mqttCertFile, 'mqttCertFile', 'certificate', label);
  }
  if (platform.mqttKeyFile !== undefined) {
    options.key = readPem(platform.mqttKeyFile, 'mqttKeyFile', 'key', label);
  }
  return options;
}

function readPem(
  file: string,
  key: (typeof mqttFileKeys)[number],
  kind: 'certificate' | 'key',
  label: string,
): string {
  const fail = (problem: string): never => {
    throw new ConfigError(
      `${label}: platform.${key}: ${cutValue(file, 300)}: ${problem}`,
      label,
      `platform.${key}`,
    );
  };
  let text = '';
  try {
    text = readFileSync(file, 'latin1');
  } catch (error) {
    const code = (error as { code?: string }).code;
    fail(code === 'ENOENT' ? 'file not found' : `cannot read: ${(error as Error).message}`);
  }
  if (kind === 'certificate') {
    if (!text.includes('-----BEGIN CERTIFICATE-----')) {
      fail('not a PEM certificate (no "-----BEGIN CERTIFICATE-----" line)');
    }
    try {
      new X509Certificate(text);
    } catch (error) {
      fail(`not a readable PEM certificate: ${cutValue((error as Error).message, 200)}`);
    }
  } else {
    if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
      fail('not a PEM private key (no "-----BEGIN … PRIVATE KEY-----" line)');
    }
    if (text.includes('ENCRYPTED')) fail('an encrypted private key is not supported');
    try {
      createPrivateKey(text);
    } catch (error) {
      fail(`not a readable PEM private key: ${cutValue((error as Error).message, 200)}`);
    }
  }
  return text;
}
