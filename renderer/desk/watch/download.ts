/**
 * Saves text as a file the way a browser does it (a Blob behind an <a download>): the browser host
 * saves it as a download; Electron, with no will-download handler in the shell, asks where to
 * save it (its default). Not tried under Electron here (no binary on the test machine).
 */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Let the download start before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
