import type { Core } from '../core/core.ts';
import type { Handlers } from '../ipc/handler-types.ts';

export type ImportHandlers = Handlers<'previewImport' | 'commitImport' | 'listMappings' | 'saveMapping' | 'deleteMapping' | 'getPointValues' | 'setPointValue' | 'getWatchedFolder' | 'updateWatchedFolder'>;

export function importHandlers(core: Core): ImportHandlers {
  return {
    previewImport: (request) => core.imports.preview(request),
    commitImport: (request) => core.imports.commit(request.previewId),
    listMappings: () => core.imports.mappings(),
    saveMapping: (request) => core.imports.saveMapping(request.name, request.mapping),
    deleteMapping: (request) => core.imports.deleteMapping(request.name),
    getPointValues: () => core.imports.pointValues(),
    setPointValue: (request) => core.imports.setPointValue(request.root, request.value),
    getWatchedFolder: () => core.watchedFolder.settings(),
    updateWatchedFolder: (request) => core.watchedFolder.update(request),
  };
}
