/**
 * Saves a file the way a browser does it (a Blob behind an <a download>): the browser host saves
 * it as a download; Electron, with no will-download handler in the shell, asks where to save it
 * (its default). Not tried under Electron here (no binary on the test machine). Used by the
 * desk's CSV exports and by clip export (clip-export.ts).
 */
export function downloadBlob(filename: string, blob: Blob, keepMs = 10_000): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Let the download start before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), keepMs);
}

export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8') {
  downloadBlob(filename, new Blob([text], { type }));
}
