const BEGIN = '-----BEGIN CERTIFICATE-----';
const END = '-----END CERTIFICATE-----';

/**
 * Splits text into its PEM certificate blocks (CA bundles hold several). Uses plain
 * index scans rather than a regular expression so hostile input cannot make it slow.
 */
export function pemCertificates(text: string): string[] {
  const blocks: string[] = [];
  let at = 0;
  for (;;) {
    const start = text.indexOf(BEGIN, at);
    if (start < 0) return blocks;
    const end = text.indexOf(END, start + BEGIN.length);
    if (end < 0) return blocks;
    blocks.push(text.slice(start, end + END.length));
    at = end + END.length;
  }
}
