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

export interface Access {
  need: Need;
  /** A wall window may name only its own wall (input.wallId). */
  ownWall?: true;
}

const anyone: Access = { need: 'anyone' };
const watcher: Access = { need: 'watcher' };
const chief: Access = { need: 'chief' };
const admin: Access = { need: 'admin' };
const ownWall = (access: Access): Access => ({ ...access, ownWall: true });

export const access: { readonly [M in MethodName]: Access } = {
  // ---- the station, the catalog, the link: what every window reads ----
  'catalog.get': anyone,
  'link.get': anyone,
  'station.info': anyone,
  'events.since': anyone,
  'outbox.status': anyone,
  'session.get': anyone,
  'session.signIn': anyone,
  'session.setup': anyone,
  'session.signOut': watcher,
  'session.lock': watcher,
  // A locked desk's way back in: the door lets these through while the desk is locked.
  'session.unlock': watcher,
  'session.openItems': watcher,
  'session.handover': watcher,
  'session.handovers': watcher,
  'operator.list': admin,
  'operator.save': admin,
  // ---- walls ----
  'wall.list': anyone,
  'wall.get': anyone,
  'wall.tileReports': anyone,
  // A wall reports what its tiles do whoever is signed in: the desk's miniatures need it.
  'wall.reportTiles': ownWall(anyone),
  'wall.assign': watcher,
  'wall.sendGroup': watcher,
  'wall.identify': watcher,
  'view.load': watcher,
  'wall.setLayout': chief,
  'wall.swap': chief,
  'wall.rename': chief,
  'layout.list': anyone,
  'layout.save': chief,
  'layout.delete': chief,
  'view.list': anyone,
  'view.save': chief,
  'view.delete': chief,
  // ---- tiles: playback and following at the wall (the watcher's hands) ----
  'tile.modes': anyone,
  'tile.playback': ownWall(watcher),
  'tile.live': ownWall(watcher),
  'tile.follow': ownWall(watcher),
  // ---- marks ----
  'mark.create': watcher,
  'mark.list': watcher,
  // ---- map ----
  'map.geometry': anyone,
  'map.tileInfo': anyone,
  'units.list': anyone,
  'tracks.query': watcher,
  'compliance.report': watcher,
  'map.radius': watcher,
  'tracks.exportGpx': watcher,
  // ---- watch: rotation ----
  'rotation.list': anyone,
  'rotation.state': anyone,
  'rotation.pause': ownWall(watcher),
  'rotation.resume': ownWall(watcher),
  'rotation.next': ownWall(watcher),
  'rotation.previous': ownWall(watcher),
  'rotation.hold': ownWall(watcher),
  'rotation.save': chief,
  'rotation.delete': chief,
  'rotation.start': chief,
  'rotation.stop': chief,
  // ---- watch: tours ----
  'tour.list': anyone,
  'tour.state': anyone,
  'tour.mark': watcher,
  'tourRun.list': watcher,
  'tourRun.get': watcher,
  'tourRun.snapshot': watcher,
  'tour.save': chief,
  'tour.delete': chief,
  'tour.start': chief,
  'tour.stop': chief,
  'tourRun.exportCsv': chief,
  // ---- watch: coverage and focus ----
  'coverage.report': watcher,
  'coverage.plan': chief,
  'focus.list': anyone,
  'focus.pin': chief,
  'focus.unpin': chief,
  'focus.keep': chief,
  'focus.dismiss': chief,
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
