/** 值机台/电视墙的巡查模式用语（issue #4）。 */
import type { Messages } from './en';

export const watchDeskZhCN: Messages['watchDesk'] = {
  title: '巡查',
};
