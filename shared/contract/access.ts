/**
 * Who may call what (issue #11 item 2, #12 item 2): every method of the contract with the role it
 * needs and, for the wall windows, the scope it is limited to. One table, so that "who may do what"
 * is read in one place (the README's table is this one) and a method added to the contract fails
 * the type-check until it has a row. `ContractHost.dispatch` enforces it for both transports.
 *
 * - `anyone`: no operator needs to be signed in. Reads a wall needs to show its video with nobody
 *   at the desk (walls keep playing through a shift change), and the sign-in itself.
 * - `watcher` < `chief` < `admin`: the least role an operator signed in at the station needs; a
 *   higher role may do all a lower one may.
 * - `ownWall`: a wall window may call it only for its own wall (the input's `wallId`); the desk,
 *   for any wall. The window kinds that may call a method at all are the method's `callers`.
 */
import type { MethodName } from '../api';
import { roles, type Role } from './method';

export type Need = 'anyone' | Role;

/**
 * What a call does, decided for every method (issue #11 item 6, #12 item 5):
 * - `read`: changes nothing an operator decided; not audited.
 * - `act`: changes what the station holds or does, or takes data out of it (an export). The
 *   contract host records a row for every one that succeeds, with the operator and the window,
 *   unless the service already recorded its own (with more detail) during the call.
 */
export type Kind = 'read' | 'act';

export interface Access {
  need: Need;
  kind: Kind;
  /** A wall window may name only its own wall (input.wallId). */
  ownWall?: true;
}

const read = (need: Need): Access => ({ need, kind: 'read' });
const act = (need: Need): Access => ({ need, kind: 'act' });
const ownWall = (access: Access): Access => ({ ...access, ownWall: true });

export const access: { readonly [M in MethodName]: Access } = {
  // ---- the station, the catalog, the link: what every window reads ----
  'catalog.get': read('anyone'),
  'link.get': read('anyone'),
  'station.info': read('anyone'),
  'events.since': read('anyone'),
  'outbox.status': read('anyone'),
  'outbox.refused': read('watcher'),
  'outbox.noteRefused': act('watcher'),
  'alerts.list': read('watcher'),
  'session.get': read('anyone'),
  'session.signIn': act('anyone'),
  'session.setup': act('anyone'),
  'session.signOut': act('watcher'),
  'session.lock': act('watcher'),
  // A locked desk's way back in: the door lets these through while the desk is locked.
  'session.unlock': act('watcher'),
  'session.openItems': read('watcher'),
  'session.handover': act('watcher'),
  'session.handovers': read('watcher'),
  'operator.list': read('admin'),
  'operator.save': act('admin'),
  // ---- walls ----
  'wall.list': read('anyone'),
  'wall.get': read('anyone'),
  'wall.tileReports': read('anyone'),
  // A wall reports what its tiles do whoever is signed in: the desk's miniatures need it. A
  // `read`: the window's own telemetry every few seconds, not an operator's act.
  'wall.reportTiles': ownWall(read('anyone')),
  'wall.assign': act('watcher'),
  'wall.sendGroup': act('watcher'),
  'wall.identify': act('watcher'),
  'view.load': act('watcher'),
  'wall.setLayout': act('chief'),
  'wall.swap': act('chief'),
  'wall.rename': act('chief'),
  'layout.list': read('anyone'),
  'layout.save': act('chief'),
  'layout.delete': act('chief'),
  'view.list': read('anyone'),
  'view.save': act('chief'),
  'view.delete': act('chief'),
  // ---- tiles: playback and following at the wall (the watcher's hands) ----
  'tile.modes': read('anyone'),
  'tile.playback': ownWall(act('watcher')),
  'tile.live': ownWall(act('watcher')),
  'tile.follow': ownWall(act('watcher')),
  'playback.recordings': read('watcher'),
  'playback.clipExported': act('watcher'),
  // ---- marks ----
  'mark.create': act('watcher'),
  'mark.list': read('watcher'),
  // ---- map ----
  'map.geometry': read('anyone'),
  'map.tileInfo': read('anyone'),
  'units.list': read('anyone'),
  'tracks.query': read('watcher'),
  'compliance.report': read('watcher'),
  'map.radius': read('watcher'),
  'tracks.exportGpx': act('watcher'),
  // ---- watch: rotation ----
  'rotation.list': read('anyone'),
  'rotation.state': read('anyone'),
  'rotation.pause': ownWall(act('watcher')),
  'rotation.resume': ownWall(act('watcher')),
  'rotation.next': ownWall(act('watcher')),
  'rotation.previous': ownWall(act('watcher')),
  'rotation.hold': ownWall(act('watcher')),
  'rotation.save': act('chief'),
  'rotation.delete': act('chief'),
  'rotation.start': act('chief'),
  'rotation.stop': act('chief'),
  // ---- watch: tours ----
  'tour.list': read('anyone'),
  'tour.state': read('anyone'),
  'tour.mark': act('watcher'),
  // The watcher's pause at a stop before an abnormal mark (the wall's keys), like the mark.
  'tour.hold': act('watcher'),
  'tourRun.list': read('watcher'),
  'tourRun.get': read('watcher'),
  'tourRun.snapshot': read('watcher'),
  'tour.save': act('chief'),
  'tour.delete': act('chief'),
  'tour.start': act('chief'),
  'tour.stop': act('chief'),
  'tourRun.exportCsv': act('chief'),
  // ---- watch: coverage and focus ----
  'coverage.report': read('watcher'),
  'coverage.plan': act('chief'),
  'focus.list': read('anyone'),
  'focus.pin': act('chief'),
  'focus.unpin': act('chief'),
  'focus.keep': act('chief'),
  'focus.dismiss': act('chief'),
  'focus.show': act('chief'),
  // ---- the audit log: the duty chief reads it, exports it, checks its chain ----
  'audit.list': read('chief'),
  'audit.verify': read('chief'),
  'audit.exportCsv': act('chief'),
  // ---- dispatch (issue #13): a watcher sees the queue and opens incidents; the chief sends ----
  'incident.list': read('watcher'),
  'incident.get': read('watcher'),
  'incident.picture': read('watcher'),
  'incident.open': act('watcher'),
  'incident.note': act('watcher'),
  'incident.focus': act('watcher'),
  'incident.accept': act('chief'),
  'incident.merge': act('chief'),
  'incident.close': act('chief'),
  'dispatch.recommend': read('watcher'),
  'dispatch.route': read('watcher'),
  'dispatch.orders': read('watcher'),
  'units.board': read('watcher'),
  'roads.info': read('watcher'),
  'reinforce.levels': read('watcher'),
  'reinforce.propose': read('watcher'),
  'cordon.plan': read('watcher'),
  'dispatch.order': act('chief'),
  'reinforce.raise': act('chief'),
  'cordon.order': act('chief'),
  // ---- camera health (issue #16): watchers see it and work tickets (a watcher verifies a repair
  // by looking at the camera); the report and the prober's status are read by anyone signed in ----
  'health.summary': read('watcher'),
  'health.camera': read('watcher'),
  'health.marks': read('watcher'),
  'health.tickets': read('watcher'),
  'health.ticketPicture': read('watcher'),
  'health.report': read('watcher'),
  'health.reports': read('watcher'),
  'health.reportPdf': read('watcher'),
  'health.prober': read('watcher'),
  'health.ticketAct': act('watcher'),
  // ---- analysis (issue #17): products, roll calls and scores are read by anyone signed in; the
  // chief sends warnings and imports history ----
  'analysis.product': read('watcher'),
  'analysis.history': read('watcher'),
  // A wall shows the product pinned to it with nobody signed in (like the map), its own only.
  'analysis.wallProduct': ownWall(read('anyone')),
  'analysis.warnings': read('watcher'),
  'analysis.rollCalls': read('watcher'),
  'analysis.scores': read('watcher'),
  'analysis.star': read('watcher'),
  'analysis.rollCallNow': act('chief'),
  'analysis.importCsv': act('chief'),
  'analysis.warn': act('chief'),
  'analysis.cancelWarning': act('chief'),
};

/** What a locked desk may still call: reads anyone may, and the ways back in. */
export const whileLocked: ReadonlySet<MethodName> = new Set<MethodName>([
  'session.unlock',
  'session.handover',
  'session.openItems',
  'session.handovers',
  'session.signOut',
]);

/** Does an operator of `role` (or nobody, null) meet `need`? */
export function meets(role: Role | null, need: Need): boolean {
  if (need === 'anyone') return true;
  if (role === null) return false;
  return roles.indexOf(role) >= roles.indexOf(need);
}
