/**
 * A printable page's buttons (the weekly health report, an analysis product): 打印 and 导出 PDF
 * print the page (the print dialog saves a PDF in Electron and in Chromium; the PDF button says
 * so in the notice), 导出 CSV saves the numbers; then the notice line.
 */
export function PrintButtons({
  ready,
  testIdPrefix,
  words,
  onCsv,
  notice,
  onNotice,
}: {
  ready: boolean;
  testIdPrefix: string;
  words: { print: string; pdf: string; pdfHint: string; csv: string };
  onCsv: () => void;
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
