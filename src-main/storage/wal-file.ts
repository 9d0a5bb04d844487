import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * Reads a `-wal` file the way SQLite's recovery does (https://sqlite.org/fileformat.html#the_write_ahead_log),
 * without changing it, so the app can see before opening what SQLite would do with it silently:
 * drop every commit after a damaged frame, or apply frames that belong to another database.
 */
export interface WalSummary {
  /** The WAL holds nothing at all (missing, empty, or no longer than its own header). */
  empty: boolean;
  /** The 32-byte header is not a WAL header or its checksum fails. */
  headerDamaged: boolean;
  pageSize: number;
  /** Frames SQLite would apply: every valid frame up to the last commit frame. */
  committedFrames: number;
  /** 1-based frame number of the first frame that fails its salts or checksum, if any. */
  brokenFrame: number | null;
  /** Commit frames of this WAL's generation after the broken one: commits SQLite would drop. */
  commitsAfterBreak: number;
  /** The newest committed image of page 1 in the WAL, if the WAL has one. */
  page1: Buffer | null;
}

const HEADER = 32;
const FRAME_HEADER = 24;
const MAGIC_LE = 0x377f0682;
const MAGIC_BE = 0x377f0683;
const VERSION = 3007000;

const EMPTY: WalSummary = { empty: true, headerDamaged: false, pageSize: 0, committedFrames: 0, brokenFrame: null, commitsAfterBreak: 0, page1: null };

export function inspectWal(path: string): WalSummary {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY;
    throw error;
  }
  try {
    return inspect(fd, fstatSync(fd).size);
  } finally {
    closeSync(fd);
  }
}

function inspect(fd: number, size: number): WalSummary {
  if (size <= HEADER) return EMPTY;
  const header = Buffer.alloc(HEADER);
  readSync(fd, header, 0, HEADER, 0);
  const magic = header.readUInt32BE(0);
  const pageSize = header.readUInt32BE(8);
  const validPageSize = pageSize >= 512 && pageSize <= 65536 && (pageSize & (pageSize - 1)) === 0;
  if ((magic !== MAGIC_LE && magic !== MAGIC_BE) || header.readUInt32BE(4) !== VERSION || !validPageSize)
    return { ...EMPTY, empty: false, headerDamaged: true };
  const bigEndian = magic === MAGIC_BE;
  let sum = checksum(header, 0, 24, [0, 0], bigEndian);
  if (sum[0] !== header.readUInt32BE(24) || sum[1] !== header.readUInt32BE(28)) return { ...EMPTY, empty: false, headerDamaged: true, pageSize };
  const salt1 = header.readUInt32BE(16);
  const salt2 = header.readUInt32BE(20);

  const frame = Buffer.alloc(FRAME_HEADER + pageSize);
  const frames = Math.floor((size - HEADER) / frame.length);
  let committedFrames = 0;
  let page1: Buffer | null = null;
  let pendingPage1: Buffer | null = null;
  let brokenFrame: number | null = null;
  let commitsAfterBreak = 0;
  for (let n = 1; n <= frames; n += 1) {
    const offset = HEADER + (n - 1) * frame.length;
    if (brokenFrame !== null) {
      // Past the break only the frame header matters: is this a commit of the same generation?
      readSync(fd, frame, 0, FRAME_HEADER, offset);
      if (frame.readUInt32BE(8) === salt1 && frame.readUInt32BE(12) === salt2 && frame.readUInt32BE(4) !== 0) commitsAfterBreak += 1;
      continue;
    }
    readSync(fd, frame, 0, frame.length, offset);
    const pageNumber = frame.readUInt32BE(0);
    const next = checksum(frame, FRAME_HEADER, pageSize, checksum(frame, 0, 8, sum, bigEndian), bigEndian);
    const valid =
      pageNumber > 0 &&
      frame.readUInt32BE(8) === salt1 &&
      frame.readUInt32BE(12) === salt2 &&
      next[0] === frame.readUInt32BE(16) &&
      next[1] === frame.readUInt32BE(20);
    if (!valid) {
      brokenFrame = n;
      continue;
    }
    sum = next;
    if (pageNumber === 1) pendingPage1 = Buffer.from(frame.subarray(FRAME_HEADER));
    if (frame.readUInt32BE(4) !== 0) {
      committedFrames = n;
      if (pendingPage1) page1 = pendingPage1;
    }
  }
  return { empty: false, headerDamaged: false, pageSize, committedFrames, brokenFrame, commitsAfterBreak, page1 };
}

/** SQLite's WAL checksum: two running 32-bit sums over pairs of words in the WAL's byte order. */
function checksum(data: Buffer, start: number, length: number, seed: readonly [number, number], bigEndian: boolean): [number, number] {
  let s0 = seed[0];
  let s1 = seed[1];
  for (let i = start; i < start + length; i += 8) {
    const x0 = bigEndian ? data.readUInt32BE(i) : data.readUInt32LE(i);
    const x1 = bigEndian ? data.readUInt32BE(i + 4) : data.readUInt32LE(i + 4);
    s0 = (s0 + x0 + s1) >>> 0;
    s1 = (s1 + x1 + s0) >>> 0;
  }
  return [s0, s1];
}
