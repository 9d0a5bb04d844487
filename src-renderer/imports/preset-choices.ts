import { useEffect, useState } from 'react';
import { call } from '../api/window-api.ts';

export interface PresetChoice {
  /** A preset's id, `auto` or `generic`. */
  value: string;
  label: string;
}

const AUTO: PresetChoice = { value: 'auto', label: 'Recognise it for me' };
const GENERIC: PresetChoice = { value: 'generic', label: 'Another CSV: map its columns' };

/** The ways a broker file can be read (import screen and watched folder): the core's presets between recognition and a mapping. */
export function usePresetChoices(): PresetChoice[] {
  const [choices, setChoices] = useState<PresetChoice[]>([AUTO, GENERIC]);
  useEffect(() => {
    call('listImportPresets', {})
      .then((presets) => setChoices([AUTO, ...presets.map((p) => ({ value: p.id, label: p.label })), GENERIC]))
      .catch(() => undefined);
  }, []);
  return choices;
}
