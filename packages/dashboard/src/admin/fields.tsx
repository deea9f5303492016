/**
 * The editor's form fields, each bound to a path of the draft: it shows the value (or the default as a
 * placeholder), writes changes back, and shows the problems at its path in the server's words, tied to the input
 * with `aria-describedby` and `aria-invalid`. Every field has a visible label.
 */
import type { ComponentChildren } from 'preact';
import { fieldId, getAt, type Path, problemsAt } from './config-paths';
import { useEditor } from './editor-context';

/** A problem's words without its leading path (the field's label names the place). */
const wordsOf = (message: string, path: string) =>
  message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message;

export function FieldProblems({ path, id }: { path: Path; id: string }) {
  const { problems } = useEditor();
  const here = problemsAt(problems, path);
  if (here.length === 0) return null;
  return (
    <ul class="field-error" id={`${id}-problems`}>
      {here.map((p) => (
        <li key={p.path + p.message}>{wordsOf(p.message, p.path)}</li>
      ))}
    </ul>
  );
}

function useField(path: Path) {
  const editor = useEditor();
  const id = fieldId(path);
  const invalid = problemsAt(editor.problems, path).length > 0;
  const describedBy = (hint: boolean) =>
    [hint ? `${id}-hint` : '', invalid ? `${id}-problems` : ''].filter(Boolean).join(' ') || undefined;
  return { ...editor, id, invalid, value: getAt(editor.draft, path), describedBy };
}

interface BaseProps {
  readonly path: Path;
  readonly label: string;
  readonly hint?: string | undefined;
}

function Hint({ id, hint }: { id: string; hint?: string | undefined }) {
  return hint === undefined ? null : (
    <p class="hint" id={`${id}-hint`}>
      {hint}
    </p>
  );
}

export function TextField(props: BaseProps & { placeholder?: string | undefined; required?: boolean }) {
  const f = useField(props.path);
  return (
    <div class="field">
      <label for={f.id}>{props.label}</label>
      <input
        id={f.id}
        type="text"
        value={typeof f.value === 'string' ? f.value : ''}
        placeholder={props.placeholder}
        aria-invalid={f.invalid}
        aria-describedby={f.describedBy(props.hint !== undefined)}
        onInput={(event) => {
          const text = event.currentTarget.value;
          f.update(props.path, text === '' && !props.required ? undefined : text);
        }}
      />
      <Hint id={f.id} hint={props.hint} />
      <FieldProblems path={props.path} id={f.id} />
    </div>
  );
}

export function NumberField(
  props: BaseProps & { placeholder?: string; min?: number; max?: number; step?: number },
) {
  const f = useField(props.path);
  return (
    <div class="field">
      <label for={f.id}>{props.label}</label>
      <input
        id={f.id}
        type="number"
        inputMode="decimal"
        value={typeof f.value === 'number' ? String(f.value) : ''}
        placeholder={props.placeholder}
        min={props.min}
        max={props.max}
        step={props.step ?? 'any'}
        aria-invalid={f.invalid}
        aria-describedby={f.describedBy(props.hint !== undefined)}
        onInput={(event) => {
          const text = event.currentTarget.value;
          const number = Number(text);
          f.update(props.path, text === '' || !Number.isFinite(number) ? undefined : number);
        }}
      />
      <Hint id={f.id} hint={props.hint} />
      <FieldProblems path={props.path} id={f.id} />
    </div>
  );
}

export function SelectField<V extends string | number>(
  props: BaseProps & {
    readonly options: readonly { value: V; label: string }[];
    /** Shown first; choosing it removes the field (the default applies). */
    readonly defaultLabel?: string;
    readonly onChoose?: (value: V | undefined) => void;
  },
) {
  const f = useField(props.path);
  const current = f.value as V | undefined;
  return (
    <div class="field">
      <label for={f.id}>{props.label}</label>
      <select
        id={f.id}
        aria-invalid={f.invalid}
        aria-describedby={f.describedBy(props.hint !== undefined)}
        onChange={(event) => {
          const index = event.currentTarget.selectedIndex - (props.defaultLabel === undefined ? 0 : 1);
          const value = index < 0 ? undefined : props.options[index]?.value;
          if (props.onChoose) props.onChoose(value);
          else f.update(props.path, value);
        }}
      >
        {props.defaultLabel !== undefined && (
          <option selected={current === undefined}>{props.defaultLabel}</option>
        )}
        {props.options.map((option) => (
          <option key={String(option.value)} selected={current === option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Hint id={f.id} hint={props.hint} />
      <FieldProblems path={props.path} id={f.id} />
    </div>
  );
}

export function CheckboxField(props: BaseProps & { defaultValue: boolean }) {
  const f = useField(props.path);
  const checked = typeof f.value === 'boolean' ? f.value : props.defaultValue;
  return (
    <div class="field field-check">
      <input
        id={f.id}
        type="checkbox"
        checked={checked}
        aria-invalid={f.invalid}
        aria-describedby={f.describedBy(props.hint !== undefined)}
        onChange={(event) => {
          const next = event.currentTarget.checked;
          f.update(props.path, next === props.defaultValue ? undefined : next);
        }}
      />
      <label for={f.id}>{props.label}</label>
      <Hint id={f.id} hint={props.hint} />
      <FieldProblems path={props.path} id={f.id} />
    </div>
  );
}

/** A list of choices, any number of them; none chosen removes the field. */
export function CheckboxGroup(
  props: BaseProps & { readonly options: readonly { value: string; label: string }[] },
) {
  const f = useField(props.path);
  const chosen = Array.isArray(f.value) ? (f.value as string[]) : [];
  return (
    <fieldset class="field checkbox-group" aria-describedby={f.describedBy(props.hint !== undefined)}>
      <legend>{props.label}</legend>
      {props.options.map((option) => {
        const id = `${f.id}-${option.value}`;
        return (
          <span class="check" key={option.value}>
            <input
              id={id}
              type="checkbox"
              checked={chosen.includes(option.value)}
              onChange={(event) => {
                const next = event.currentTarget.checked
                  ? props.options.map((o) => o.value).filter((v) => v === option.value || chosen.includes(v))
                  : chosen.filter((v) => v !== option.value);
                f.update(props.path, next.length === 0 ? undefined : next);
              }}
            />
            <label for={id}>{option.label}</label>
          </span>
        );
      })}
      <Hint id={f.id} hint={props.hint} />
      <FieldProblems path={props.path} id={f.id} />
    </fieldset>
  );
}

/**
 * A text per language (`{ "en": "…", "nl": "…" }`); an empty language is left out, and with none the built-in
 * wording applies (shown as the placeholder). A plain string in the draft is shown as the text of every language
 * and becomes per-language on the first edit.
 */
export function LocalizedTextField(
  props: BaseProps & {
    readonly languages: readonly string[];
    readonly defaults: (language: string) => string;
  },
) {
  const f = useField(props.path);
  const value = f.value;
  const textOf = (language: string) =>
    typeof value === 'string'
      ? value
      : value !== null && typeof value === 'object'
        ? String((value as Record<string, unknown>)[language] ?? '')
        : '';
  return (
    <fieldset class="field localized" aria-describedby={f.describedBy(props.hint !== undefined)}>
      <legend>{props.label}</legend>
      {props.languages.map((language) => {
        const id = `${f.id}-${language}`;
        return (
          <div class="localized-row" key={language}>
            <label for={id} lang={language}>
              {language}
            </label>
            <input
              id={id}
              type="text"
              lang={language}
              value={textOf(language)}
              placeholder={props.defaults(language)}
              onInput={(event) => {
                const texts: Record<string, string> = {};
                for (const other of props.languages) {
                  const text = other === language ? event.currentTarget.value : textOf(other);
                  if (text !== '') texts[other] = text;
                }
                f.update(props.path, Object.keys(texts).length === 0 ? undefined : texts);
              }}
            />
          </div>
        );
      })}
      <Hint id={f.id} hint={props.hint} />
      <FieldProblems path={props.path} id={f.id} />
    </fieldset>
  );
}

/** A list of items, each with a remove button, and an add button. */
export function ListField(props: {
  readonly path: Path;
  readonly label: string;
  readonly addLabel: string;
  readonly removeLabel: (index: number) => string;
  readonly newItem: () => unknown;
  readonly item: (index: number) => ComponentChildren;
  readonly max?: number;
}) {
  const f = useField(props.path);
  const items = Array.isArray(f.value) ? f.value : [];
  return (
    <fieldset class="field list-field">
      <legend>{props.label}</legend>
      <FieldProblems path={props.path} id={f.id} />
      <ol class="list-items">
        {items.map((_, index) => (
          <li key={index} class="list-item">
            {props.item(index)}
            <button type="button" class="remove" onClick={() => f.update([...props.path, index], undefined)}>
              {props.removeLabel(index)}
            </button>
          </li>
        ))}
      </ol>
      {(props.max === undefined || items.length < props.max) && (
        <button type="button" onClick={() => f.update(props.path, [...items, props.newItem()])}>
          {props.addLabel}
        </button>
      )}
    </fieldset>
  );
}
