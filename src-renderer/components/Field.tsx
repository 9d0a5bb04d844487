import { useId, type ReactNode } from 'react';

interface Props {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  /** Something to know about the value that does not make it wrong; shown in place of the hint. */
  warning?: string | undefined;
  children(props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }): ReactNode;
}

/** A labelled input with its error right under it, tied together for screen readers. */
export function Field({ label, error, hint, warning, children }: Props) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': error ? errorId : undefined })}
      {warning && !error && (
        <div className="field-warning" role="status">
          {warning}
        </div>
      )}
      {hint && !error && !warning && <div className="hint">{hint}</div>}
      {error && (
        <div className="field-error" id={errorId} role="status">
          {error}
        </div>
      )}
    </div>
  );
}

/** The message for a field among an error's fieldErrors. */
export function errorFor(fieldErrors: Array<{ field: string; message: string }> | undefined, ...fields: string[]): string | undefined {
  return fieldErrors?.find((e) => fields.includes(e.field))?.message;
}
