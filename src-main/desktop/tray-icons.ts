import { crc32, deflateSync } from 'node:zlib';

export type TrayState = 'idle' | 'active' | 'warning' | 'stopped';

const COLORS: Record<TrayState, [number, number, number]> = {
  idle: [128, 136, 148],
  active: [34, 160, 90],
  warning: [230, 150, 30],
  stopped: [210, 45, 45],
};

/**
 * A 32x32 PNG of a filled circle in the state's colour, drawn here so the tray needs no image
 * files and every state is unmistakable at a glance.
 */
export function trayIconPng(state: TrayState, size = 32): Buffer {
  const [r, g, b] = COLORS[state];
  const rows: Buffer[] = [];
  const centre = (size - 1) / 2;
  for (let y = 0; y < size; y += 1) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x += 1) {
      const distance = Math.hypot(x - centre, y - centre);
      const alpha = Math.max(0, Math.min(1, size / 2 - 1 - distance));
      row.set([r, g, b, Math.round(alpha * 255)], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
