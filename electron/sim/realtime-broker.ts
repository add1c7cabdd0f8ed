/**
 * The simulated platform's MQTT broker (aedes, in-process, on a TCP port): what the simulator
 * publishes goes to every subscribed workstation (docs/protocol.md §3). It can refuse connections
 * (platform down, restarting: CONNACK "server unavailable") and drop every client.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { Aedes, type AuthenticateError } from 'aedes';

export interface RealtimeBroker {
  port: number;
  /**
   * Publishes from the broker itself; resolves once the broker has taken the message. A Buffer is
   * sent as is (an empty one, retained, clears a topic's retained message); anything else as JSON.
   */
  publish(topic: string, payload: unknown, opts: { qos: 0 | 1; retain: boolean }): Promise<void>;
  /** Calls `handler` for every message clients publish on `topic` (wildcards allowed). */
  subscribe(topic: string, handler: (topic: string, payload: Buffer) => void): Promise<void>;
  /** Drops every connected client (their TCP connections are closed). */
  dropClients(): void;
  clientCount(): number;
  close(): Promise<void>;
}

export interface RealtimeBrokerOptions {
  host: string;
  port: number;
  /** Why connections are refused now, or null to accept them. */
  refuse: () => string | null;
  log: (line: string) => void;
}

export async function startRealtimeBroker(opts: RealtimeBrokerOptions): Promise<RealtimeBroker> {
  const broker = await Aedes.createBroker({
    authenticate(_client, _username, _password, done) {
      const why = opts.refuse();
      if (!why) {
        done(null, true);
        return;
      }
      // CONNACK return code 3: "server unavailable".
      const error = Object.assign(new Error(why), { returnCode: 3 }) as AuthenticateError;
      done(error, false);
    },
  });
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    broker.handle(socket);
  });
  broker.on('clientError', (client, err) => {
    opts.log(`sim mqtt: client ${client.id} error: ${err.message}`);
  });

  const port = await new Promise<number>((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolvePort((server.address() as AddressInfo).port);
    });
  });

  return {
    port,
    publish(topic, payload, { qos, retain }) {
      return new Promise((resolveDone, reject) => {
        broker.publish(
          {
            cmd: 'publish',
            topic,
            payload: Buffer.isBuffer(payload) ? payload : Buffer.from(JSON.stringify(payload)),
            qos,
            retain,
            dup: false,
          },
          (err) => (err ? reject(err) : resolveDone()),
        );
      });
    },
    subscribe(topic, handler) {
      return new Promise((done) => {
        broker.subscribe(
          topic,
          (packet, cb) => {
            try {
              handler(packet.topic, Buffer.from(packet.payload));
            } finally {
              cb();
            }
          },
          done,
        );
      });
    },
    dropClients() {
      for (const socket of sockets) socket.destroy();
    },
    clientCount: () => sockets.size,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
      await new Promise<void>((done) => broker.close(() => done()));
    },
  };
}
