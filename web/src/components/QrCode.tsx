import QRCode from 'qrcode';
import { useMemo } from 'react';

/** A QR code drawn as SVG rectangles (no canvas, no inline style: the page's CSP stays strict). */
export function QrCode({ text, label, size = 320 }: { text: string; label: string; size?: number }) {
  const qr = useMemo(() => QRCode.create(text, { errorCorrectionLevel: 'M' }), [text]);
  const n = qr.modules.size;
  const quiet = 4;
  const cells: string[] = [];
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) if (qr.modules.get(y, x)) cells.push(`M${x + quiet} ${y + quiet}h1v1h-1z`);
  return (
    <svg className="qr" role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${n + 2 * quiet} ${n + 2 * quiet}`} shapeRendering="crispEdges">
      <rect width="100%" height="100%" fill="#fff" />
      <path d={cells.join('')} fill="#000" />
    </svg>
  );
}
