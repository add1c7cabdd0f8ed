/** English strings of the watch modes on the desk (issue #4); zh-CN in watch-desk.zh-CN.ts. */
export const watchDeskEn = {
  title: 'Watch',
};
