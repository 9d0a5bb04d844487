import type { Handlers } from '../ipc/handler-types.ts';
import type { ImportService } from './import-service.ts';
import type { WatchedFolder } from './watched-folder.ts';

export type ImportHandlers = Handlers<
  | 'previewImport'
  | 'listImportPresets'
  | 'inspectImport'
  | 'commitImport'
  | 'listImports'
  | 'undoImport'
  | 'listMappings'
  | 'saveMapping'
  | 'deleteMapping'
  | 'getPointValues'
  | 'setPointValue'
  | 'getWatchedFolder'
  | 'updateWatchedFolder'
>;

export function importHandlers(imports: ImportService, watchedFolder: WatchedFolder): ImportHandlers {
  return {
    previewImport: ({ contentBase64, ...file }) => imports.preview({ ...file, bytes: new Uint8Array(Buffer.from(contentBase64, 'base64')) }),
    listImportPresets: async () => imports.presets(),
    inspectImport: ({ fileName, contentBase64 }) => imports.inspect(fileName, new Uint8Array(Buffer.from(contentBase64, 'base64'))),
    commitImport: (request) => imports.commit(request.previewId),
    listImports: () => imports.history(),
    undoImport: (request) => imports.undo(request.batchId),
    listMappings: () => imports.mappings(),
    saveMapping: (request) => imports.saveMapping(request.name, request.mapping),
    deleteMapping: (request) => imports.deleteMapping(request.name),
    getPointValues: () => imports.pointValues(),
    setPointValue: (request) => imports.setPointValue(request.root, request.value),
    getWatchedFolder: () => watchedFolder.settings(),
    updateWatchedFolder: (request) => watchedFolder.update(request),
  };
}
