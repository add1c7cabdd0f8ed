/** 电视墙上的巡查模式用语（issue #4）；英文见 watch-wall.en.ts。 */
import type { Messages } from './en';

export const watchWallZhCN: Messages['watchWall'] = {
  title: '巡查',
  rotation: {
    label: '轮巡',
    page: '第 {{page}}/{{pages}} 页',
    next: '{{seconds}} 秒后翻页',
    paused: '已暂停',
    reason: {
      operator: '值机员',
      enlarge: '画面放大',
      playback: '回放中',
    },
    skipped: '跳过离线或画面故障：{{total}}',
    skippedNow: '（本页 {{count}}）',
    keys: '空格 暂停 · PgDn/→ 下一页 · PgUp/← 上一页',
    tile: '轮巡中',
    failed: '轮巡：{{message}}',
  },
  tour: {
    started: '查巡开始：{{name}} — 值机员 {{watcher}}，共 {{stops}} 个点位，画面 {{tile}}',
    stop: '第 {{n}}/{{total}} 点',
    check: '查看：{{check}}',
    noCheck: '查看画面有无异常',
    left: '剩 {{seconds}} 秒',
    marks: {
      normal: '正常',
      abnormal: '异常',
      faulty: '故障',
    },
    faults: {
      black: '黑屏',
      frozen: '卡顿',
      blurred: '模糊',
      offline: '离线',
      obstructed: '遮挡',
    },
    faultPrompt: '哪种故障？（Esc 返回）',
    marked: '已标记：{{mark}}',
    withSnapshot: '已附截图',
    failed: '标记未成功：{{message}}',
  },
  focus: {
    pin: '重点',
    until: '至 {{time}}',
    alert: '警情',
    distance: '{{metres}} 米',
    kept: '已保留',
    unshown_one: '{{count}} 条警情未上墙，请看值机台',
    unshown_other: '{{count}} 条警情未上墙，请看值机台',
  },
};
