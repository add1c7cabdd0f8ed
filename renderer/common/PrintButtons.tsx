/**
 * A printable page's buttons (the weekly health report, an analysis product): 打印 prints the
 * page; 导出 PDF runs `onPdf` when the page has one (the weekly report in the app: Electron's
 * printToPDF and a save dialog), otherwise prints the page too (Chromium's print dialog saves a
 * PDF; the button says so in the notice); 导出 CSV saves the numbers; then the notice line.
 */
export function PrintButtons({
  ready,
  testIdPrefix,
  words,
  onCsv,
  onPdf,
  notice,
  onNotice,
}: {
  ready: boolean;
  testIdPrefix: string;
  words: { print: string; pdf: string; pdfHint: string; csv: string };
  onCsv: () => void;
  /** Saves the PDF itself (the app); absent: the PDF button prints with a hint. */
  onPdf?: () => void;
  notice: string | null;
  onNotice: (text: string) => void;
}) {
  return (
    <>
      <span className="report-buttons">
        <button
          type="button"
          data-testid={`${testIdPrefix}-print`}
          disabled={!ready}
          onClick={() => window.print()}
        >
          {words.print}
        </button>
        <button
          type="button"
          data-testid={`${testIdPrefix}-pdf`}
          disabled={!ready}
          title={words.pdfHint}
          onClick={() => {
            if (onPdf) {
              onPdf();
              return;
            }
            onNotice(words.pdfHint);
            window.print();
          }}
        >
          {words.pdf}
        </button>
        <button type="button" data-testid={`${testIdPrefix}-csv`} disabled={!ready} onClick={onCsv}>
          {words.csv}
        </button>
      </span>
      <span className="report-notice" role="status" aria-live="polite">
        {notice}
      </span>
    </>
  );
}
