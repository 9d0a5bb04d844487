import { mkdir, readdir, readFile, rename, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, join } from 'node:path';
import type { WatchedFileView, WatchedFolderView } from '../contract/views.ts';
import { AppError } from '../errors/app-error.ts';
import type { EventBus } from '../events/event-bus.ts';
import { readSetting, writeSetting } from '../settings/settings-repository.ts';
import type { Storage } from '../storage/connection.ts';
import { toIso, type Clock } from '../time/clock.ts';
import type { ImportService } from './import-service.ts';
import { presetById } from './presets/preset-registry.ts';

const KEY = 'watched_folder';
/** Where an imported file goes, so the folder shows at a glance what is still waiting. */
export const IMPORTED_SUBFOLDER = 'imported';
export const WATCH_EVERY_MS = 2_000;
const EXTENSIONS = new Set(['.csv', '.txt', '.tsv']);
/** As on the import screen: rows are streamed, so only the file's own bytes are held. */
const MAX_FILE_BYTES = 256 * 1024 * 1024;
const RECENT_KEPT = 20;
const PROBLEMS_NAMED = 3;

interface StoredWatchSettings {
  enabled: boolean;
  folder: string | null;
  /** A preset's id, `auto` or `generic`. */
  preset: string;
  mappingName: string | null;
}

interface SeenFile {
  signature: string;
  /** The signature it was last handled with: a file left in place is tried again only once it changes. */
  handled: string | null;
}

type WatchChanges = Partial<StoredWatchSettings>;

/**
 * Imports the files a trading platform drops into a folder the trader chose, with the preset
 * they chose, through the same preview and commit as the import screen. It looks every two
 * seconds rather than using fs.watch: that behaves the same on every OS and on network drives,
 * and a file is taken only once its size and time stayed the same between two looks, so a
 * platform still writing it is never read half-way. An imported file moves to `imported/`;
 * a file that can't be imported (unreadable, a row that can't be used, an unknown symbol) is
 * reported and left in place, and tried again once it changes.
 */
export class WatchedFolder {
  private readonly deps: { storage: Storage; clock: Clock; bus: EventBus; imports: ImportService; everyMs?: number };
  private readonly seen = new Map<string, SeenFile>();
  private recent: WatchedFileView[] = [];
  private timer: NodeJS.Timeout | null = null;
  private scanning: Promise<void> | null = null;
  private current: StoredWatchSettings | null = null;
  private lastError: string | null = null;

  constructor(deps: { storage: Storage; clock: Clock; bus: EventBus; imports: ImportService; everyMs?: number }) {
    this.deps = deps;
  }

  async settings(): Promise<WatchedFolderView> {
    const stored = await this.stored();
    return { ...stored, running: this.timer !== null, error: this.lastError, recent: [...this.recent] };
  }

  /** Starts or stops watching to match the stored settings. */
  async apply(): Promise<WatchedFolderView> {
    await this.stop();
    this.current = await this.stored();
    this.seen.clear();
    this.lastError = null;
    if (this.current.enabled && this.current.folder) {
      this.timer = setInterval(() => void this.scan(), this.deps.everyMs ?? WATCH_EVERY_MS);
      this.timer.unref();
      await this.scan();
    }
    return this.settings();
  }

  async update(changes: WatchChanges): Promise<WatchedFolderView> {
    const next = { ...(await this.stored()), ...changes };
    if (next.enabled) await this.check(next);
    await this.deps.storage.write((tx) => writeSetting(tx, KEY, next, this.deps.clock.now()));
    return this.apply();
  }

  /** One look at the folder: files unchanged since the previous look are imported. */
  async scan(): Promise<void> {
    if (this.scanning) return this.scanning;
    this.scanning = this.look().finally(() => {
      this.scanning = null;
    });
    return this.scanning;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.scanning;
  }

  private async look(): Promise<void> {
    const settings = this.current;
    if (!settings?.enabled || !settings.folder) return;
    let names: string[];
    try {
      names = (await readdir(settings.folder, { withFileTypes: true }))
        .filter((e) => e.isFile() && !e.name.startsWith('.') && EXTENSIONS.has(extname(e.name).toLowerCase()))
        .map((e) => e.name);
      this.lastError = null;
    } catch (error) {
      this.lastError = `The watched folder ${settings.folder} can’t be read: ${(error as Error).message}`;
      return;
    }
    const present = new Set(names);
    for (const name of this.seen.keys()) if (!present.has(name)) this.seen.delete(name);
    for (const name of names.sort()) {
      if (this.current !== settings) return;
      const path = join(settings.folder, name);
      let signature: string;
      try {
        const info = await stat(path);
        signature = `${info.size}:${info.mtimeMs}`;
      } catch {
        continue;
      }
      const seen = this.seen.get(name);
      const settled = seen?.signature === signature && seen.handled !== signature;
      this.seen.set(name, { signature, handled: settled ? signature : (seen?.handled ?? null) });
      if (settled) this.report(await this.importFile(settings, path));
    }
  }

  private async importFile(settings: StoredWatchSettings, path: string): Promise<WatchedFileView> {
    const fileName = basename(path);
    const done = (ok: boolean, message: string, recorded = 0): WatchedFileView => ({ fileName, at: toIso(this.deps.clock.now()), ok, message, recorded });
    try {
      const bytes = await readFile(path);
      if (bytes.length > MAX_FILE_BYTES) return done(false, `${fileName} is larger than 256 MB; export a shorter period.`);
      const mapping = settings.preset === 'generic' ? await this.mapping(settings.mappingName) : undefined;
      const preview = await this.deps.imports.preview({ fileName, bytes, preset: settings.preset, ...(mapping && { mapping }) });
      if (preview.kind === 'choose')
        return done(
          false,
          `${fileName} was not imported: ${preview.message} Choose its format in Settings → Watched folder, or import it from the import screen.`,
        );
      if (preview.problems.length > 0) {
        const named = preview.problems
          .slice(0, PROBLEMS_NAMED)
          .map((p) => `line ${p.line}: ${p.message}`)
          .join('; ');
        const more = preview.problems.length > PROBLEMS_NAMED ? ` and ${preview.problems.length - PROBLEMS_NAMED} more` : '';
        return done(
          false,
          `${fileName} was not imported: ${plural(preview.problems.length, 'problem')} (${named}${more}). Fix the file or import it from the import screen.`,
        );
      }
      const result = await this.deps.imports.commit(preview.previewId);
      const moved = await moveToImported(settings.folder!, fileName);
      const where = moved ? ` and moved to ${IMPORTED_SUBFOLDER}/` : '; it could not be moved and stays in the folder (importing it again adds nothing)';
      const what = result.recorded === 0 ? 'no new trades' : plural(result.recorded, 'trade');
      const lines = preview.unopened
        .slice(0, PROBLEMS_NAMED)
        .map((u) => u.line)
        .join(', ');
      const unopened =
        preview.unopened.length === 0
          ? ''
          : ` ${plural(preview.unopened.length, 'close')} with no known opening position (line ${lines}${preview.unopened.length > PROBLEMS_NAMED ? ', …' : ''}) left out: import the earlier history, or this file from the import screen to say what they opened at.`;
      return done(true, `${fileName}: ${what} imported with ${preview.presetLabel}${where}.${unopened}`, result.recorded);
    } catch (error) {
      const message = error instanceof AppError ? error.message : (error as Error).message;
      return done(false, `${fileName} was not imported: ${message}`);
    }
  }

  private async mapping(name: string | null) {
    const mapping = (await this.deps.imports.mappings()).find((m) => m.name === name);
    if (!mapping) throw new AppError('not_found', `The saved column mapping “${name ?? ''}” no longer exists; choose another in Settings.`);
    return mapping.mapping;
  }

  private report(file: WatchedFileView): void {
    this.recent = [file, ...this.recent].slice(0, RECENT_KEPT);
    this.deps.bus.emit({ type: 'folder_import', file });
  }

  private async check(settings: StoredWatchSettings): Promise<void> {
    const fail = (field: string, message: string) =>
      new AppError('validation', message, { field, fieldErrors: [{ field, code: 'invalid_watched_folder', message }] });
    if (!settings.folder || !isAbsolute(settings.folder))
      throw fail('folder', 'Choose the folder as a full path, such as C:\\Trading\\Exports or /home/you/exports.');
    const info = await stat(settings.folder).catch(() => null);
    if (!info?.isDirectory()) throw fail('folder', `${settings.folder} is not a folder on this computer.`);
    if (settings.preset !== 'auto' && settings.preset !== 'generic' && !presetById(settings.preset)) throw fail('preset', 'Choose one of the listed formats.');
    if (settings.preset === 'generic' && !(await this.deps.imports.mappings()).some((m) => m.name === settings.mappingName))
      throw fail('mappingName', 'Choose one of your saved column mappings, or save one on the import screen first.');
  }

  private async stored(): Promise<StoredWatchSettings> {
    return (await readSetting<StoredWatchSettings>(this.deps.storage.read, KEY)) ?? { enabled: false, folder: null, preset: 'auto', mappingName: null };
  }
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Moves an imported file aside, never over an earlier one of the same name. */
async function moveToImported(folder: string, fileName: string): Promise<boolean> {
  const target = join(folder, IMPORTED_SUBFOLDER);
  try {
    await mkdir(target, { recursive: true });
    const taken = new Set(await readdir(target));
    const ext = extname(fileName);
    let name = fileName;
    for (let n = 2; taken.has(name); n++) name = `${basename(fileName, ext)} (${n})${ext}`;
    await rename(join(folder, fileName), join(target, name));
    return true;
  } catch {
    return false;
  }
}
