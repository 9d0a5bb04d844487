import type { Handlers } from '../ipc/handler-types.ts';
import type { TemplateService } from './template-service.ts';

export type TemplateHandlers = Handlers<'listTemplates' | 'saveTemplate' | 'deleteTemplate'>;

export function templateHandlers(templates: TemplateService): TemplateHandlers {
  return {
    listTemplates: () => templates.list(),
    saveTemplate: (request) => templates.save(request.name, request.config),
    deleteTemplate: (request) => templates.remove(request.templateId),
  };
}
