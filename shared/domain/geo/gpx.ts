/**
 * GPX 1.1 (topografix.com/GPX/1/1) of one unit's track: one <trk>, one <trkseg>, a <trkpt> per
 * fix with its time, and speed / course in the Garmin-free way GPX 1.0 named them, carried as
 * <extensions> so strict GPX 1.1 readers accept the file.
 */
export interface GpxPoint {
  lat: number;
  lng: number;
  at: number;
  speed?: number;
  heading?: number;
}

const escapeXml = (s: string): string =>
  s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string,
  );

export function toGpx(track: {
  name: string;
  description?: string;
  points: readonly GpxPoint[];
}): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gpx version="1.1" creator="Vigil" xmlns="http://www.topografix.com/GPX/1/1" xmlns:vigil="https://vigil.invalid/gpx/1">',
    `  <metadata><name>${escapeXml(track.name)}</name>${track.points[0] ? `<time>${new Date(track.points[0].at).toISOString()}</time>` : ''}</metadata>`,
    '  <trk>',
    `    <name>${escapeXml(track.name)}</name>`,
    ...(track.description ? [`    <desc>${escapeXml(track.description)}</desc>`] : []),
    '    <trkseg>',
  ];
  for (const p of track.points) {
    const ext =
      p.speed !== undefined || p.heading !== undefined
        ? `<extensions>${p.speed !== undefined ? `<vigil:speed>${p.speed}</vigil:speed>` : ''}${p.heading !== undefined ? `<vigil:course>${p.heading}</vigil:course>` : ''}</extensions>`
        : '';
    lines.push(
      `      <trkpt lat="${p.lat.toFixed(7)}" lon="${p.lng.toFixed(7)}"><time>${new Date(p.at).toISOString()}</time>${ext}</trkpt>`,
    );
  }
  lines.push('    </trkseg>', '  </trk>', '</gpx>', '');
  return lines.join('\n');
}
