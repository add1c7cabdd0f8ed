/**
 * 导出 PDF in the app, under a stand-in for Electron's dialog (the real module needs the binary):
 * the dialog proposes the report's name in the documents folder, the page is printed A4 with its
 * backgrounds and written where the operator chose; a cancelled dialog prints nothing, and a
 * folder that cannot be written says why.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  answer: { canceled: false, filePath: '' } as { canceled: boolean; filePath?: string },
  asked: [] as unknown[],
}));
vi.mock('electron', () => ({
  BrowserWindow: { fromWebContents: () => ({ id: 1 }) },
  dialog: {
    showSaveDialog: (...args: unknown[]) => {
      electron.asked.push(args.at(-1));
      return Promise.resolve(electron.answer);
    },
  },
}));

const { savePagePdf } = await import('../../../electron/shell/pdf-export');

let folder: string;
const lines: string[] = [];
const options = () => ({ folder: '/home/op/Documents', log: (l: string) => lines.push(l) });
const printed: unknown[] = [];
const contents = {
  printToPDF: (o: unknown) => {
    printed.push(o);
    return Promise.resolve(Buffer.from('%PDF-1.4 a page'));
  },
};

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'vigil-pdf-'));
  electron.asked.length = 0;
  printed.length = 0;
  lines.length = 0;
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe('savePagePdf', () => {
  it('proposes the name, prints A4 with backgrounds, writes where chosen (adding .pdf)', async () => {
    electron.answer = { canceled: false, filePath: join(folder, '周报') };
    const saved = await savePagePdf(contents as never, '视频监控周报-2026-W48.pdf', options());
    expect(saved).toBe(join(folder, '周报.pdf'));
    expect(readFileSync(saved!, 'latin1')).toMatch(/^%PDF-/);
    expect(electron.asked[0]).toMatchObject({
      defaultPath: '/home/op/Documents/视频监控周报-2026-W48.pdf',
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    expect(printed).toEqual([{ pageSize: 'A4', printBackground: true }]);
  });

  it('prints nothing when the dialog is cancelled', async () => {
    electron.answer = { canceled: true };
    await expect(savePagePdf(contents as never, 'x.pdf', options())).resolves.toBeNull();
    expect(printed).toEqual([]);
  });

  it('says why when the chosen folder cannot be written', async () => {
    electron.answer = { canceled: false, filePath: join(folder, 'no-such-folder', 'a.pdf') };
    await expect(savePagePdf(contents as never, 'a.pdf', options())).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('could not write'),
    });
    expect(lines.join('\n')).toContain('could not write');
  });
});
