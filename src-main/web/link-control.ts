import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { z } from 'zod';

/** Where a running browser mode leaves how to ask it for a sign-in link; beside the database. */
export const LINK_CONTROL_FILE = 'browser-mode.json';

/** The path `npm run web -- --link` asks for a fresh link on; only with the control secret. */
export const LINK_PATH = '/sessionguard/new-link';

const controlSchema = z.object({ port: z.number().int().min(1).max(65535), secret: z.string().min(32), pid: z.number().int() });
export type LinkControl = z.infer<typeof controlSchema>;

export function newControlSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Written for the running server's lifetime, readable by this user only: whoever can read the
 * data folder may sign a browser in, which is no more than they could do with the database.
 */
export function writeLinkControl(dataDir: string, control: LinkControl): void {
  writeFileSync(join(dataDir, LINK_CONTROL_FILE), JSON.stringify(control), { mode: 0o600 });
}

export function removeLinkControl(dataDir: string): void {
  rmSync(join(dataDir, LINK_CONTROL_FILE), { force: true });
}

function notRunning(dataDir: string): Error {
  return new Error(`No Sessionguard browser mode is running for the data folder ${dataDir}. Start it with \`npm run web\`; it prints a sign-in link.`);
}

function readControl(dataDir: string): LinkControl {
  let text: string;
  try {
    text = readFileSync(join(dataDir, LINK_CONTROL_FILE), 'utf8');
  } catch {
    throw notRunning(dataDir);
  }
  const parsed = controlSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${join(dataDir, LINK_CONTROL_FILE)} is not one Sessionguard wrote; stop browser mode and start it again.`);
  return parsed.data;
}

/** Asks the browser mode running on `dataDir` for a fresh one-time sign-in link. */
export async function requestLink(dataDir: string): Promise<string> {
  const control = readControl(dataDir);
  const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: control.port,
        path: LINK_PATH,
        method: 'POST',
        headers: { host: `127.0.0.1:${control.port}`, authorization: `Bearer ${control.secret}` },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ECONNREFUSED' ? notRunning(dataDir) : error));
    req.end();
  });
  if (answer.status !== 200) throw new Error(`The running browser mode refused a new link (${answer.status}): stop it and start it again.`);
  return z.object({ url: z.string() }).parse(JSON.parse(answer.body)).url;
}
