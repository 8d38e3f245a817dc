/**
 * A QR code of the deck's address for its title slide (front matter `qr: true` with
 * `slidewright build --url`), so the room can follow on their phones. The code is computed by
 * the qrcode library and drawn as inline SVG at build time: no script, no image request.
 */
import QRCode from 'qrcode';
import { escapeHtml } from './escape.ts';

/** Light modules around the code, as the standard asks, so phones find it on any theme. */
const QUIET_ZONE = 4;

export function qrSvg(text: string): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size + 2 * QUIET_ZONE;
  let path = '';
  for (let y = 0; y < modules.size; y++) {
    for (let x = 0; x < modules.size; x++) if (modules.get(x, y)) path += `M${x + QUIET_ZONE} ${y + QUIET_ZONE}h1v1h-1z`;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges" role="img" aria-label="QR code: ${escapeHtml(text)}"><rect width="${size}" height="${size}" fill="#fff"/><path fill="#000" d="${path}"/></svg>`;
}

/** The title slide's QR code block, with the address under it for those without a camera. */
export function qrFigure(url: string): string {
  return `<figure class="slidewright-qr">${qrSvg(url)}<figcaption>${escapeHtml(url.replace(/^https?:\/\//, ''))}</figcaption></figure>\n`;
}
