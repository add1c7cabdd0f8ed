/**
 * 导出 PDF in the app (issue #16 item 5): the page a window shows (the weekly report) printed by
 * Chromium's own printToPDF (A4, backgrounds, the page's print CSS) and written where the
 * operator picks in a save dialog. The core asks through StationOptions.shell (savePdf), with the
 * window the desk's call came from; the browser host has no such thing and its page prints.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BrowserWindow, dialog, type WebContents } from 'electron';
import { VigilError } from '../../shared/result';

export interface PdfExportOptions {
  /** Where the dialog opens (the user's documents folder). */
  folder: string;
  log: (line: string) => void;
}

/** The path the PDF was saved to, or null when the operator cancelled the dialog. */
export async function savePagePdf(
  contents: WebContents,
  defaultName: string,
  options: PdfExportOptions,
): Promise<string | null> {
  const owner = BrowserWindow.fromWebContents(contents);
  const ask = {
    defaultPath: join(options.folder, defaultName),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'] as (
      'createDirectory' | 'showOverwriteConfirmation'
    )[],
  };
  const choice = owner ? await dialog.showSaveDialog(owner, ask) : await dialog.showSaveDialog(ask);
  if (choice.canceled || !choice.filePath) return null;
  const path = /\.pdf$/i.test(choice.filePath) ? choice.filePath : `${choice.filePath}.pdf`;
  const pdf = await contents.printToPDF({ pageSize: 'A4', printBackground: true });
  try {
    await writeFile(path, pdf);
  } catch (error) {
    // A full disk, a folder the operator may not write: said on the page, not a bug.
    const why = error instanceof Error ? error.message : String(error);
    options.log(`pdf: could not write ${path}: ${why}`);
    throw new VigilError('unavailable', `could not write ${path}: ${why}`);
  }
  options.log(`pdf: saved ${pdf.length} bytes to ${path}`);
  return path;
}
