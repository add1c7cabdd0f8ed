/**
 * The road worker's entry (node:worker_threads): holds the built graph and answers the
 * RoadRouter's questions, so a county-size search never stalls the core's event loop (MQTT,
 * the desk's calls, the wall). Started by ./road-host.ts; speaks ./road-protocol.ts.
 */
import { parentPort } from 'node:worker_threads';
import { answer } from './road-protocol';
import type { RoadEngine } from './road-engine';

const port = parentPort;
if (port) {
  let engine: RoadEngine | null = null;
  port.on('message', (message: unknown) => {
    const reply = answer(engine, message);
    if (reply.engine !== undefined) engine = reply.engine;
    port.postMessage(reply.response);
  });
}
