/** Whether the renderer can reach the station core right now, for the header badge. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

export interface Connection {
  readonly state: ConnectionState;
  /** Called on every change; returns the unsubscribe function. */
  onChange(listener: (state: ConnectionState) => void): () => void;
}

/** Electron IPC never drops: the preload is in the same process tree as the core. */
export const alwaysConnected: Connection = {
  state: 'connected',
  onChange: () => () => {},
};
