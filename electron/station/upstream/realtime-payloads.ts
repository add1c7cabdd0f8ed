/**
 * MQTT payloads from the platform (docs/protocol.md §3), validated before anything uses them.
 * The schemas and their limits are the protocol's, shared with the simulator that publishes them
 * (shared/contract/platform.ts). Unknown fields are ignored (a newer platform may add some); a
 * payload that fails is dropped and counted, never stored.
 */
export {
  AlertMessageSchema,
  CameraStatusMessageSchema,
  IncidentMessageSchema,
  UnitStatusMessageSchema,
  type IncidentMessage,
  type UnitStatusMessage,
  UnitFixSchema as UnitPositionSchema,
  unitKinds,
  type AlertMessage,
  type CameraStatusMessage,
  type UnitFix as UnitPosition,
} from '../../../shared/contract/platform';
export { TicketMessageSchema, type TicketMessage } from '../../../shared/contract/platform-health';

/**
 * How far ahead of the station's clock a message's `at` may be (clock skew between platform and
 * station). Later than this, the message is refused and counted: a unit position dated a year
 * ahead would otherwise stay the unit's latest and hide every real fix after it.
 */
export const maxFutureSkewMs = 5 * 60_000;

export const topics = {
  cameraStatus: 'vigil/cameras/+/status',
  unitPosition: 'vigil/units/+/position',
  alerts: 'vigil/alerts',
  /** Incidents (QoS 1, retained; an empty payload: the platform cleared a closed one). */
  incidents: 'vigil/incidents/+',
  /** Unit statuses (QoS 1, retained). */
  unitStatus: 'vigil/units/+/status',
  /** Fault tickets (QoS 1, retained; an empty payload: the platform cleared a closed one). */
  tickets: 'vigil/tickets/+',
} as const;
