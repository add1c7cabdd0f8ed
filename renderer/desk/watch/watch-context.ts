/**
 * What every watch screen shares: the catalog's cameras, the walls, the tree's selected and
 * ticked cameras, this station's operator, and `act` — one contract call whose failure is shown
 * to the operator with the contract's code and message (a refused save says which field and why).
 */
import { createContext, useContext } from 'react';
import type {
  Camera,
  CameraStatus,
  MethodInput,
  MethodName,
  MethodOutput,
  WallState,
} from '../../../shared/api';

export interface WatchNotice {
  text: string;
  error: boolean;
}

export type Act = <M extends MethodName>(
  what: string,
  method: M,
  input: MethodInput<M>,
  success?: (value: MethodOutput<M>) => string | null,
) => Promise<MethodOutput<M> | null>;

export interface WatchContextValue {
  cameras: ReadonlyMap<string, Camera>;
  statuses: ReadonlyMap<string, CameraStatus>;
  walls: readonly WallState[];
  /** The camera clicked in the tree. */
  selectedId: string | null;
  /** The cameras ticked in the tree, in the order they were ticked. */
  checkedIds: readonly string[];
  clearChecked: () => void;
  operator: string;
  /** An area's name from the catalog (its id when unknown). */
  areaName: (id: string) => string;
  act: Act;
  busy: boolean;
}

export const WatchContext = createContext<WatchContextValue | null>(null);

export function useWatch(): WatchContextValue {
  const value = useContext(WatchContext);
  if (!value) throw new Error('useWatch outside WatchPane');
  return value;
}

export const cameraName = (cameras: ReadonlyMap<string, Camera>, id: string): string =>
  cameras.get(id)?.name ?? id;

export const tileCountOf = (walls: readonly WallState[], wallId: number): number =>
  walls.find((w) => w.wallId === wallId)?.layout.cells.length ?? 0;
