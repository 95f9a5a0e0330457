/**
 * Forms generated from the command registry: each command's input class (its fields' shapes, recorded by
 * the field rules of application/commands/fields.ts) becomes the fields of a GOV.UK form, a posted form
 * becomes the command's input again, and a case page offers the commands its person may run in the case's
 * current state — asked of the command's own policy and the aggregate's decider, never listed by hand.
 */
import { randomUUID } from 'node:crypto';
import { isDomainError } from '../../domain/kernel/errors';
import type { DomainCommand } from '../../domain/kernel/decider';
import type { AnyCommandSpec } from '../../application/commands/declare';
import { fieldsOf, type FieldShape, type InputClass } from '../../application/commands/fields';
import { declaredCommands, type DeclaredCommand } from '../../application/commands/pipeline';
import { commandRegistry } from '../../application/commands/registry';
import type { Actor } from '../../application/ports/event-store';
import { translate, translateOr, type Lang } from './i18n';

/** A field of a command's input, nested inputs flattened: `path` is what validation errors name (`input.subject`). */
export interface FormField {
  readonly path: string;
  readonly key: string;
  readonly shape: FieldShape;
}

export const formFieldsOf = (Input: InputClass, prefix = ''): FormField[] =>
  fieldsOf(Input).flatMap(([key, shape]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    // A list of nested inputs (attachments) is not typed into a form: files come with an upload.
    if (shape.form?.kind === 'nested-list') return [];
    return shape.nested ? formFieldsOf(shape.nested, path) : [{ path, key, shape }];
  });

const PUBLIC_COMMANDS: ReadonlyMap<string, DeclaredCommand> = new Map(declaredCommands(commandRegistry).filter((c) => c.spec.public !== false).map((c) => [c.name, c]));

/** A command anyone may send, by name (undefined for an unknown or system-only one). */
export const publicCommand = (name: string): DeclaredCommand | undefined => PUBLIC_COMMANDS.get(name);

/** The commands of an aggregate (by its decider's name: `application`, `fee`…) that act on an existing case. */
export const caseCommandsOf = (aggregateName: string): DeclaredCommand[] =>
  [...PUBLIC_COMMANDS.values()].filter((c) => c.aggregate.decider.name === aggregateName && c.spec.target !== 'new' && !c.spec.creates);

/** The value of a form field as the command's input takes it; '' and absent are left out. */
const parseValue = (shape: FieldShape, raw: string): unknown => {
  const kind = shape.form?.kind;
  const text = raw.trim();
  if (kind === 'amd' || kind === 'count') {
    const digits = text.replace(/[\s\u00a0\u202f,]/g, '');
    return /^-?\d+$/.test(digits) ? Number(digits) : text;
  }
  if (kind === 'flag') return text === 'true' || text === 'on';
  // A datetime-local input gives Yerevan wall time without a zone.
  if (kind === 'date-time' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text)) return `${text}:00+04:00`;
  if (kind === 'text-list' || kind === 'code-list' || kind === 'id-list') return text.split(/\r?\n/).map((s) => s.trim()).filter((s) => s !== '');
  return kind === 'text' ? raw.replace(/\r\n/g, '\n') : text;
};

export type FormBody = Readonly<Record<string, unknown>>;

const firstString = (value: unknown): string | undefined => {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v : undefined;
};

export interface ParsedForm {
  /** The command's arguments (nested inputs rebuilt). */
  readonly args: Record<string, unknown>;
  readonly commandId: string | undefined;
  readonly expectedRevision: number | undefined;
  /** Required fields left empty: reported as such, before the command is tried. */
  readonly missing: readonly string[];
  /** What the person entered, to show again. */
  readonly values: Readonly<Record<string, string>>;
}

/** A posted form as the command's input; `fixed` fields (the case's id, the community) come from the page, never the form. */
export const parseCommandForm = (Input: InputClass, body: FormBody, fixed: Readonly<Record<string, unknown>>): ParsedForm => {
  const args: Record<string, unknown> = {};
  const values: Record<string, string> = {};
  const missing: string[] = [];
  const put = (path: string, value: unknown) => {
    const parts = path.split('.');
    let target = args;
    for (const part of parts.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
    target[parts[parts.length - 1]] = value;
  };
  for (const field of formFieldsOf(Input)) {
    if (field.path in fixed) {
      put(field.path, fixed[field.path]);
      continue;
    }
    const raw = firstString(body[field.path]);
    if (raw !== undefined) values[field.path] = raw;
    if (field.shape.form?.kind === 'flag') {
      put(field.path, parseValue(field.shape, raw ?? ''));
      continue;
    }
    if (raw === undefined || raw.trim() === '') {
      if (!field.shape.optional) missing.push(field.path);
      continue;
    }
    put(field.path, parseValue(field.shape, raw));
  }
  const commandId = firstString(body.commandId)?.trim() || undefined;
  const revision = firstString(body.expectedRevision)?.trim();
  return { args, commandId, expectedRevision: revision && /^\d{1,9}$/.test(revision) ? Number(revision) : undefined, missing, values };
};

export interface ChoiceItem {
  readonly value: string;
  readonly text: string;
}

export interface FieldView {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly optional: boolean;
  readonly optionalText: string;
  readonly control: 'input' | 'textarea' | 'select' | 'radios' | 'checkbox';
  readonly inputType?: string;
  readonly inputmode?: string;
  readonly classes?: string;
  readonly attributes?: Record<string, string>;
  readonly value: string;
  readonly error?: string;
  readonly items?: ReadonlyArray<ChoiceItem & { readonly selected?: boolean; readonly checked?: boolean }>;
}

export interface CommandFormView {
  readonly commandName: string;
  readonly action: string;
  readonly title: string;
  /** The button: named after the command (Armenian verb first in the Armenian UI, the English name in brackets). */
  readonly button: string;
  readonly commandId: string;
  readonly expectedRevision: number | null;
  readonly fields: readonly FieldView[];
  readonly hidden: ReadonlyArray<{ readonly name: string; readonly value: string }>;
  /** For the error summary: each message linking to its field. */
  readonly errors: ReadonlyArray<{ readonly text: string; readonly href: string }>;
}

export const fieldLabel = (lang: Lang, field: FormField): string => translateOr(lang, `field.${field.key}`, field.shape.description ?? field.key);

export interface FormOptions {
  readonly lang: Lang;
  readonly commandName: string;
  readonly action: string;
  /** Fields the page fills in (hidden, or not in the form at all when `hide` lists them). */
  readonly fixed?: Readonly<Record<string, string>>;
  readonly values?: Readonly<Record<string, string>>;
  readonly errors?: ReadonlyMap<string, string>;
  /** The choices of a field the page knows (a community's services, its staff). */
  readonly choices?: Readonly<Record<string, readonly ChoiceItem[]>>;
  readonly expectedRevision?: number | null;
  /** Keep the commandId of a form shown again, so that a retry of the same submission records once. */
  readonly commandId?: string;
}

const controlOf = (field: FormField, choices: readonly ChoiceItem[] | undefined): FieldView['control'] => {
  if (choices) return choices.length <= 4 ? 'radios' : 'select';
  switch (field.shape.form?.kind) {
    case 'text':
    case 'text-list':
    case 'code-list':
    case 'id-list':
      return 'textarea';
    case 'one-of':
      return (field.shape.form.choices?.length ?? 0) <= 4 ? 'radios' : 'select';
    case 'flag':
      return 'checkbox';
    default:
      return 'input';
  }
};

export const buildCommandForm = (options: FormOptions): CommandFormView => {
  const declared = publicCommand(options.commandName);
  if (!declared) throw new Error(`No public command ${options.commandName}`);
  const { lang } = options;
  const fixed = options.fixed ?? {};
  const values = options.values ?? {};
  const fields: FieldView[] = [];
  const errors: Array<{ text: string; href: string }> = [];
  for (const field of formFieldsOf(declared.spec.input)) {
    if (field.path in fixed) continue;
    const id = `${options.commandName}-${field.path.replace(/\./g, '-')}`;
    // A label for this command's field alone (`field.<command>.<path>`) wins over the shared one.
    const label = translateOr(lang, `field.${options.commandName}.${field.path}`, fieldLabel(lang, field));
    const kind = field.shape.form?.kind;
    const choices = options.choices?.[field.path] ?? field.shape.form?.choices?.map((c) => ({ value: c, text: translateOr(lang, `choice.${field.key}.${c}`, c) }));
    const control = controlOf(field, options.choices?.[field.path] ?? (kind === 'one-of' ? choices : undefined));
    const value = values[field.path] ?? '';
    const error = options.errors?.get(field.path);
    if (error) errors.push({ text: error, href: `#${id}` });
    const withEmpty = control === 'select' && field.shape.optional ? [{ value: '', text: translate(lang, 'filterAny') }] : control === 'select' ? [{ value: '', text: '' }] : [];
    fields.push({
      id,
      name: field.path,
      label,
      optional: field.shape.optional,
      optionalText: translate(lang, 'optional'),
      control,
      value,
      error,
      ...(kind === 'date' ? { inputType: 'date', classes: 'govuk-input--width-10' } : {}),
      ...(kind === 'date-time' ? { inputType: 'datetime-local', classes: 'govuk-input--width-20' } : {}),
      ...(kind === 'amd' || kind === 'count' ? { inputType: 'text', inputmode: 'numeric', classes: 'govuk-input--width-10', attributes: { spellcheck: 'false' } } : {}),
      ...(kind === 'id' || kind === 'code' ? { inputType: 'text', classes: 'govuk-input--width-20', attributes: { spellcheck: 'false' } } : {}),
      ...(kind === 'name' || kind === 'url' || kind === undefined ? { inputType: 'text' } : {}),
      ...(choices && control !== 'input'
        ? { items: [...withEmpty, ...choices].map((c) => ({ ...c, ...(control === 'select' ? { selected: c.value === value } : { checked: c.value === value }) })) }
        : {}),
    });
  }
  return {
    commandName: options.commandName,
    action: options.action,
    title: translateOr(lang, `command.${options.commandName}`, options.commandName),
    button: translateOr(lang, `command.${options.commandName}`, options.commandName),
    commandId: options.commandId ?? randomUUID(),
    expectedRevision: options.expectedRevision ?? null,
    fields,
    hidden: Object.entries(fixed)
      .filter(([path]) => path !== 'id')
      .map(([name, value]) => ({ name, value })),
    errors,
  };
};

/** A value of the right kind for each field, to ask the decider whether the case's state allows the command at all. */
const placeholderOf = (shape: FieldShape, today: string, now: string): unknown => {
  switch (shape.form?.kind) {
    case 'date':
      return today;
    case 'date-time':
      return now;
    case 'amd':
    case 'count':
      return Math.max(1, shape.form.min ?? 0);
    case 'one-of':
      return shape.form.choices?.[0] ?? 'x';
    case 'flag':
      return false;
    case 'text-list':
    case 'code-list':
    case 'id-list':
      return [];
    default:
      return 'x';
  }
};

const placeholderInput = (Input: InputClass, id: string, today: string, now: string): Record<string, unknown> => {
  const input: Record<string, unknown> = {};
  for (const [key, shape] of fieldsOf(Input)) input[key] = key === 'id' ? id : shape.form?.kind === 'nested-list' ? [] : shape.nested ? placeholderInput(shape.nested, id, today, now) : placeholderOf(shape, today, now);
  return input;
};

/**
 * The commands `actor` may run on a case in `state` now: those the command's policy allows and whose
 * decider does not refuse as a transition the state forbids. A command whose input could still be wrong
 * (a date, an amount) is offered: the form then says what is wrong.
 */
export const offeredCommands = (aggregateName: string, actor: Actor, id: string, state: unknown, today: string, now: string): string[] =>
  caseCommandsOf(aggregateName)
    .filter(({ aggregate, spec }) => {
      const input = placeholderInput(spec.input, id, today, now);
      const verdict = (spec as AnyCommandSpec<unknown, DomainCommand>).policy(actor, state, input);
      if (!verdict.allowed) return false;
      try {
        // A command's cross-aggregate step (a register's number, an outside system) is not taken here.
        const command = spec.command(input, state, 'x', { actor, id, today, now });
        const decided = aggregate.decider.decide({ ...command, metadata: { now, actor } } as never, state as never);
        return !(isDomainError(decided) && decided.code === 'INVALID_TRANSITION');
      } catch {
        return true;
      }
    })
    .map(({ name }) => name);
