/** English strings of the watch modes on the wall (issue #4); zh-CN in watch-wall.zh-CN.ts. */
export const watchWallEn = {
  title: 'Watch',
  rotation: {
    label: 'Rotation',
    page: 'page {{page}}/{{pages}}',
    next: 'next in {{seconds}} s',
    paused: 'Paused',
    reason: {
      operator: 'by the watcher',
      enlarge: 'a tile is enlarged',
      playback: 'playback on',
    },
    skipped: 'offline skipped: {{total}}',
    skippedNow: '({{count}} on this page)',
    keys: 'Space pause · PgDn/→ next · PgUp/← previous',
    tile: 'Rotating',
    failed: 'Rotation: {{message}}',
  },
  tour: {
    started: 'Tour started: {{name}} — watcher {{watcher}}, {{stops}} stops, on tile {{tile}}',
    stop: 'stop {{n}}/{{total}}',
    check: 'Check: {{check}}',
    noCheck: 'Look the picture over',
    left: '{{seconds}} s left',
    marks: {
      normal: 'Normal',
      abnormal: 'Abnormal',
      faulty: 'Faulty',
    },
    faults: {
      black: 'Black',
      frozen: 'Frozen',
      blurred: 'Blurred',
      offline: 'Offline',
      obstructed: 'Obstructed',
    },
    faultPrompt: 'Which fault? (Esc: back)',
    marked: 'Marked {{mark}}',
    failed: 'Mark not taken: {{message}}',
  },
  focus: {
    pin: 'Pinned',
    until: 'until {{time}}',
    alert: 'Alert',
    distance: '{{metres}} m',
    kept: 'kept',
  },
};
