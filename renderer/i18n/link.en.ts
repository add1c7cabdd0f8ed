/**
 * English strings of the realtime feed's health under the link badge (issue #10: dropped
 * messages, a duplicate station id); zh-CN in link.zh-CN.ts.
 */
export const linkHealthEn = {
  dropped_one: '{{count}} invalid message dropped',
  dropped_other: '{{count}} invalid messages dropped',
  refused_one: '{{count}} message refused for its time',
  refused_other: '{{count}} messages refused for their time',
  last: 'last: {{problem}}',
  separator: '; ',
  received_one: '{{count}} message received since the station started',
  received_other: '{{count}} messages received since the station started',
  badge_one: '{{count}} bad message',
  badge_other: '{{count}} bad messages',
  duplicateShort: 'station.id used twice',
  duplicate: 'Another workstation uses the same station.id',
  duplicateHint:
    'The broker lets one connection per station.id: the two log each other out, and neither receives realtime data reliably. Give each workstation its own station.id in vigil.config.json.',
  title: 'Realtime feed (MQTT)',
  hint: 'Messages that break the platform contract (docs/protocol.md §3) are dropped and never stored; the platform must fix them. The station log has the first five and every 100th.',
  close: 'Close',
  // What the link's problems mean for the watcher (the technical words are under "Details").
  meaningPlatform: 'Platform not answering: camera list and video may be out of date',
  meaningPlatformRetrying: 'Platform answering unreliably, retrying',
  meaningRealtime: 'Realtime cut: alerts and unit positions are not updating',
  meaningConnecting: 'Connecting to the platform…',
  meaningCatalog: 'The platform’s camera list was refused: the last good one is shown',
  meaningDuplicate: 'Another workstation uses this station’s id: realtime is unreliable',
  meaningOther: 'Platform link problem',
  details: 'Details',
  detailsTitle: 'Platform link: technical details',
  detailsHint: 'For the installer: what the station reported, as it reported it.',
};
