import type { ReceiptDocument } from '@tillpoint/contracts';
import PDFDocument from 'pdfkit';
import { renderSlipDocument } from './slip';

// 80 mm roll paper: 226 points wide. The slip's 48-column text in Courier 7 pt fits it.
const PAGE_WIDTH = 226;
const MARGIN = 10;
const FONT_SIZE = 7;
const LINE_HEIGHT = FONT_SIZE * 1.25;

/** The receipt as a one-page PDF laid out like the 48-column slip, so paper and PDF never disagree. */
export function renderPdf(doc: ReceiptDocument): Promise<Buffer> {
  const lines = renderSlipDocument(doc, 48).trimEnd().split('\n');
  const pdf = new PDFDocument({
    size: [PAGE_WIDTH, MARGIN * 2 + lines.length * LINE_HEIGHT + FONT_SIZE],
    margin: MARGIN,
    // Uncompressed: small, and the text stays findable by whoever checks a receipt.
    compress: false,
    info: { Title: `Receipt ${doc.saleId}${doc.copy ? ' (copy)' : ''}`, Author: doc.dealer.name },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.font('Courier').fontSize(FONT_SIZE);
  lines.forEach((line, i) => pdf.text(line, MARGIN, MARGIN + i * LINE_HEIGHT, { lineBreak: false }));
  pdf.end();
  return done;
}
