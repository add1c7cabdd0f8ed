/**
 * What the composition root (./index.ts, createStation) hands to a host: the Electron shell
 * (electron/shell) and the browser host (electron/serve) both drive the same Station.
 */
import type { CallerWindow } from '../../shared/api';
import type { ContractHost } from './contract-host';
import type { EventBus } from './event-bus';
import type { VigilConfig } from './config';

export interface Station {
  readonly config: VigilConfig;
  /** Where the SQLite cache lives. */
  readonly dataDir: string;
  /** Every intent goes through here (both transports). */
  readonly host: ContractHost;
  /** Every state change comes out of here (both transports forward it to their windows). */
  readonly events: EventBus;
  /** Number of wall windows the core keeps state for (walls are numbered 1..wallCount). */
  readonly wallCount: number;
  /**
   * Origins (scheme://host:port) the renderer must be allowed to fetch video and tiles from:
   * the CSP's media-src / connect-src / img-src. Includes the built-in simulator's when it runs.
   */
  platformOrigins(): string[];
  /** The built-in simulator, when platform.kind is "simulator" (for the CLI and the tests). */
  readonly simulator: { baseUrl: string; mqttUrl: string } | null;
  /**
   * A map tile for the renderer's base layer (XYZ numbering), from the MBTiles cache or fetched
   * from the GIS server and cached; null when neither has it (the host answers 404).
   */
  tiles(z: number, x: number, y: number): Promise<{ bytes: Buffer; contentType: string } | null>;
  /** Merges an offline MBTiles package into the tile cache; throws TilePackageError if bad. */
  importTiles(file: string): { tiles: number; cachedTiles: number };
  /** Close the cache, the upstream connections and the simulator. Idempotent. */
  stop(): Promise<void>;
}

export interface StationOptions {
  config: VigilConfig;
  /** The cache folder (Electron's userData, or --data DIR). Created if missing. */
  dataDir: string;
  /** How many walls (the shell passes its planned display count; the browser host the config's). */
  wallCount?: number;
  log?: (line: string) => void;
  now?: () => number;
  /** What only the app's shell can do (absent in the browser host). */
  shell?: ShellServices;
}

/** What the Electron shell does for the core, with the windows it owns. */
export interface ShellServices {
  /**
   * Saves the page the caller's window shows as a PDF (A4) where the operator picks in a save
   * dialog that proposes `defaultName`: the path saved to, or null when the dialog was cancelled.
   */
  savePdf(request: { caller: CallerWindow; defaultName: string }): Promise<string | null>;
}
