import type { BrowserWindowConstructorOptions } from 'electron';
import type { ElectronApi } from '../../../src-main/desktop/electron-api.ts';

// biome-ignore lint/suspicious/noExplicitAny: Electron's listeners take each event's own arguments; the fake keeps any of them and fires them with what a test passes.
type Listener = (...args: any[]) => unknown;

/** Records `on(...)` registrations so a test can fire them like Electron would. */
class Emitter {
  readonly handlers = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  fire(event: string, ...args: unknown[]): unknown[] {
    return (this.handlers.get(event) ?? []).map((listener) => listener(...args));
  }
}

export class FakeWebContents extends Emitter {
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  readonly mainFrame = { url: 'app://sessionguard/index.html' };
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
}

export class FakeWindow extends Emitter {
  static created: FakeWindow[] = [];
  readonly webContents = new FakeWebContents();
  visible = false;
  loaded: string | null = null;
  readonly options: BrowserWindowConstructorOptions;
  constructor(options: BrowserWindowConstructorOptions) {
    super();
    this.options = options;
    FakeWindow.created.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loaded = url;
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return false;
  }
}

export class FakeTray extends Emitter {
  static created: FakeTray[] = [];
  images: unknown[] = [];
  tooltip = '';
  menu: Array<{ label?: string; enabled?: boolean; click?: () => void }> = [];
  constructor(image: unknown) {
    super();
    this.images.push(image);
    FakeTray.created.push(this);
  }
  setImage(image: unknown): void {
    this.images.push(image);
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: typeof this.menu): void {
    this.menu = menu;
  }
  destroy(): void {}
}

export class FakeNotification {
  static shown: Array<{ title: string; body: string; urgency?: string }> = [];
  static isSupported(): boolean {
    return true;
  }
  readonly options: { title: string; body: string; urgency?: string };
  constructor(options: { title: string; body: string; urgency?: string }) {
    this.options = options;
  }
  show(): void {
    FakeNotification.shown.push(this.options);
  }
}

export function fakeElectron(options: { primaryInstance?: boolean; userData: string }) {
  FakeWindow.created = [];
  FakeTray.created = [];
  FakeNotification.shown = [];
  const app = Object.assign(new Emitter(), {
    quitCalled: 0,
    requestSingleInstanceLock: () => options.primaryInstance ?? true,
    quit() {
      this.quitCalled += 1;
    },
    whenReady: () => Promise.resolve(),
    getPath: () => options.userData,
  });
  const ipcMain = {
    handlers: new Map<string, Listener>(),
    handle(channel: string, handler: Listener) {
      if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      this.handlers.set(channel, handler);
    },
    removeHandler(channel: string) {
      this.handlers.delete(channel);
    },
  };
  const permissions: { request: Listener | null; check: Listener | null } = { request: null, check: null };
  const electron = {
    app,
    BrowserWindow: FakeWindow,
    ipcMain,
    Tray: FakeTray,
    Menu: { buildFromTemplate: (template: unknown) => template },
    Notification: FakeNotification,
    nativeImage: { createFromBuffer: (buffer: Buffer) => ({ png: buffer }) },
    dialog: {
      errors: [] as string[],
      showErrorBox(title: string, message: string) {
        this.errors.push(`${title}: ${message}`);
      },
      showMessageBox: async () => ({ response: 1 }),
    },
    powerMonitor: new Emitter(),
    protocol: {
      handlers: new Map<string, Listener>(),
      handle(scheme: string, handler: Listener) {
        this.handlers.set(scheme, handler);
      },
      registerSchemesAsPrivileged: () => undefined,
    },
    shell: {
      opened: [] as string[],
      openExternal(url: string) {
        this.opened.push(url);
        return Promise.resolve();
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Listener) => (permissions.request = h),
        setPermissionCheckHandler: (h: Listener) => (permissions.check = h),
      },
    },
    net: {},
  };
  return { electron, api: electron as unknown as ElectronApi, permissions };
}
