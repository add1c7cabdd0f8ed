/** 链路标志下的实时消息状况（issue #10：丢弃的消息、重复的 station.id）；英文见 link.en.ts。 */
import type { Messages } from './en';

export const linkHealthZhCN: Messages['linkHealth'] = {
  dropped_one: '已丢弃 {{count}} 条无效消息',
  dropped_other: '已丢弃 {{count}} 条无效消息',
  refused_one: '{{count}} 条消息因时间不符被拒收',
  refused_other: '{{count}} 条消息因时间不符被拒收',
  last: '最近一条：{{problem}}',
  separator: '；',
  received_one: '工作站启动以来已收到 {{count}} 条消息',
  received_other: '工作站启动以来已收到 {{count}} 条消息',
  badge_one: '{{count}} 条无效消息',
  badge_other: '{{count}} 条无效消息',
  duplicateShort: 'station.id 重复',
  duplicate: '另一台工作站使用相同的 station.id',
  duplicateHint:
    '消息服务器对每个 station.id 只保留一个连接：两台工作站会互相挤下线，都收不稳实时数据。请在 vigil.config.json 中为每台工作站设置不同的 station.id。',
  title: '实时消息（MQTT）',
  hint: '不符合平台接口约定（docs/protocol.md §3）的消息被丢弃，不会保存，需由平台修正。工作站日志记录前五条及此后每第 100 条。',
  close: '关闭',
  meaningPlatform: '平台无应答：摄像机目录和视频可能不是最新',
  meaningPlatformRetrying: '平台应答不稳定，正在重试',
  meaningRealtime: '实时消息中断：告警和警力位置暂不更新',
  meaningConnecting: '正在连接平台…',
  meaningCatalog: '平台下发的摄像机目录有误：仍显示上次的目录',
  meaningDuplicate: '另一台工作站使用本站编号：实时消息不可靠',
  meaningOther: '平台链路异常',
  details: '详情',
  detailsTitle: '平台链路：技术详情',
  detailsHint: '供安装人员查看：工作站报告的原始信息。',
};
