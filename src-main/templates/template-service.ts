import type { SessionConfigView, TemplateView } from '../contract/views.ts';
import { AppError } from '../errors/app-error.ts';
import { profileBalance, requireActiveProfile } from '../profiles/profile-repository.ts';
import { validateSessionConfig } from '../sessions/session-rules.ts';
import type { Storage } from '../storage/connection.ts';
import type { Clock } from '../time/clock.ts';
import { findTemplate, listTemplateRows, rowToTemplate } from './template-repository.ts';

/** A session's setup saved by name ("NY open scalp", "FTMO challenge"), so setup starts from it in one click. */
export class TemplateService {
  private readonly deps: { storage: Storage; clock: Clock };

  constructor(deps: { storage: Storage; clock: Clock }) {
    this.deps = deps;
  }

  async list(): Promise<TemplateView[]> {
    const db = this.deps.storage.read;
    const profile = await requireActiveProfile(db);
    return (await listTemplateRows(db, profile.id)).map(rowToTemplate);
  }

  /** Saves a setup under a name (replacing one of the same name), checked as setup checks it, every problem at its field. */
  async save(name: string, config: SessionConfigView): Promise<TemplateView[]> {
    const trimmed = name.trim();
    return this.deps.storage.write(async (tx) => {
      const profile = await requireActiveProfile(tx);
      const validation = validateSessionConfig(profileBalance(profile), config);
      if (!validation.valid)
        throw new AppError('validation', validation.errors.map((e) => e.message).join(' '), {
          field: validation.errors[0]?.field,
          fieldErrors: validation.errors,
        });
      const now = this.deps.clock.now();
      const json = JSON.stringify({ durationMinutes: config.durationMinutes, lossLimit: config.lossLimit, rules: config.rules });
      await tx
        .insertInto('session_template')
        .values({ userId: profile.id, name: trimmed, config: json, createdAt: now, updatedAt: now })
        .onConflict((oc) => oc.columns(['userId', 'name']).doUpdateSet({ config: json, updatedAt: now }))
        .execute();
      return (await listTemplateRows(tx, profile.id)).map(rowToTemplate);
    });
  }

  /** A template a schedule still plans with stays until that schedule is changed or removed. */
  async remove(templateId: number): Promise<TemplateView[]> {
    return this.deps.storage.write(async (tx) => {
      const profile = await requireActiveProfile(tx);
      const template = await findTemplate(tx, profile.id, templateId);
      if (!template) throw new AppError('not_found', `Template ${templateId} does not exist.`);
      const used = await tx.selectFrom('session_schedule').select('id').where('templateId', '=', templateId).executeTakeFirst();
      if (used) throw new AppError('invalid_transition', `“${template.name}” is planned by a schedule; remove the schedule or give it another template first.`);
      await tx.deleteFrom('session_template').where('id', '=', templateId).execute();
      return (await listTemplateRows(tx, profile.id)).map(rowToTemplate);
    });
  }
}
