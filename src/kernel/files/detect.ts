/**
 * Content type by content, never by name: the magic bytes of the formats the platform accepts.
 * Anything not recognised is `null` (and refused by every use). See docs/decisions/0008-files.md for why
 * this is a small detector of our own rather than a library.
 */
export const KNOWN_TYPES = [
  'application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/plain', 'text/csv',
] as const;
export type KnownType = (typeof KNOWN_TYPES)[number];

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const startsWith = (buf: Buffer, bytes: number[] | string, at = 0) => {
  const sig = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
  return buf.length >= at + sig.length && buf.subarray(at, at + sig.length).equals(sig);
};

/** Whether the bytes are UTF-8 text: valid UTF-8, no NUL and no control characters other than tab, CR, LF, FF. */
export function isUtf8Text(buf: Buffer): boolean {
  if (buf.length === 0) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return false;
  }
  for (const b of buf) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return false;
    if (b === 0x7f) return false;
  }
  return true;
}

/**
 * The type of `buf`, or null. `name` only chooses between text flavours (a `.csv` file whose bytes are
 * UTF-8 text is `text/csv`); it never makes binary content acceptable.
 */
export function detectType(buf: Buffer, name = ''): KnownType | null {
  if (startsWith(buf, '%PDF-')) return 'application/pdf';
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(buf, 'GIF87a') || startsWith(buf, 'GIF89a')) return 'image/gif';
  if (startsWith(buf, 'RIFF') && startsWith(buf, 'WEBP', 8)) return 'image/webp';
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) {
    // OOXML: a ZIP whose entry names (stored uncompressed in the headers) include [Content_Types].xml and the main part.
    if (!buf.includes('[Content_Types].xml', 0, 'latin1')) return null;
    if (buf.includes('word/document.xml', 0, 'latin1')) return DOCX;
    if (buf.includes('xl/workbook.xml', 0, 'latin1')) return XLSX;
    return null;
  }
  if (isUtf8Text(buf)) return /\.csv$/i.test(name) ? 'text/csv' : 'text/plain';
  return null;
}
