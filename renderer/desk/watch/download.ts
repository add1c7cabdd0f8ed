/** The desk's CSV exports save through the one download helper (renderer/common/download.ts). */
export { downloadText } from '../../common/download';
