/** English strings of the watch modes on the wall (issue #4); zh-CN in watch-wall.zh-CN.ts. */
export const watchWallEn = {
  title: 'Watch',
};
