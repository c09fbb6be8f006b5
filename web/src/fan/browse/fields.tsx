import type { ComponentChildren } from 'preact';

type TextFieldProps = {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'search' | 'tel' | 'date';
  autocomplete?: string;
  hint?: ComponentChildren;
  /** The field's own error: shown under it, tied to it with aria-describedby and aria-invalid. */
  error?: string;
  required?: boolean;
  min?: string;
  max?: string;
  inputMode?: 'text' | 'email' | 'tel' | 'search';
};

/** A labelled input with its hint and error, so every field says what it wants and what went wrong. */
export function TextField(p: TextFieldProps) {
  const hintId = p.hint ? `${p.id}-hint` : undefined;
  const errorId = p.error ? `${p.id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      {p.hint && (
        <p id={hintId} class="hint field-hint">
          {p.hint}
        </p>
      )}
      <input
        id={p.id}
        name={p.id}
        // Preact types each input type apart; every type allowed here takes the same attributes as text
        type={(p.type ?? 'text') as 'text'}
        value={p.value}
        onInput={(e) => p.onInput(e.currentTarget.value)}
        autocomplete={p.autocomplete}
        required={p.required}
        min={p.min}
        max={p.max}
        inputMode={p.inputMode}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      {p.error && (
        <p id={errorId} class="field-error">
          {p.error}
        </p>
      )}
    </div>
  );
}

export function CheckField(p: { id: string; label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div class="check-field">
      <input id={p.id} type="checkbox" checked={p.checked} onChange={(e) => p.onChange(e.currentTarget.checked)} />
      <label for={p.id}>{p.label}</label>
    </div>
  );
}

/** A message this screen found out by itself (not an API problem), announced like one. */
export function Alert(p: { children: ComponentChildren }) {
  return (
    <div class="problem" role="alert">
      {p.children}
    </div>
  );
}

/** A success, announced politely. */
export function Notice(p: { children: ComponentChildren }) {
  return (
    <div class="success" role="status">
      {p.children}
    </div>
  );
}
