import type { FieldError, ProblemDocument } from '../errors/problem';
import type { Language } from './language';
import { FIELD_MESSAGES, PROBLEM_DETAILS, STATUS_TITLES } from './messages';

/** A field error as raised inside the server: `key` (a constraint or message name) and `args` select the wording. */
export interface KeyedMessage {
  message: string;
  key?: string;
  args?: unknown[];
  path?: string;
}

/** The message of one field error in `language`; the English text it was raised with when nothing better is known. */
export function localiseFieldMessage(error: KeyedMessage, language: Language): string {
  if (!error.key) return error.message;
  const property = error.path?.split('.').pop();
  const entry = (property && FIELD_MESSAGES[`${error.key}:${property}`]) || FIELD_MESSAGES[error.key];
  const render = entry?.[language];
  return render ? render({ args: error.args ?? [] }) : error.message;
}

const publicError = (error: KeyedMessage & object, language: Language) => {
  const { key: _key, args: _args, ...rest } = error;
  return { ...rest, message: localiseFieldMessage(error, language) };
};

/**
 * The problem document in the reader's language: `title` by status, field messages by
 * constraint, `detail` from the catalogue by problem code (Vietnamese), or as raised (English).
 * Internal keys are removed either way.
 */
export function localiseProblem(
  body: ProblemDocument,
  language: Language,
  params: Record<string, unknown> = {},
): ProblemDocument {
  const errors = body.errors?.map((error) => publicError(error as FieldError & KeyedMessage, language)) as
    FieldError[] | undefined;
  const rowErrors = Array.isArray(body.rowErrors)
    ? (body.rowErrors as KeyedMessage[]).map((error) => publicError(error, language))
    : undefined;
  const code = body.type.slice(body.type.lastIndexOf('/') + 1);
  let detail = body.detail;
  if (code === 'validation-failed' && errors) {
    // Only the first errors are reported (RequestValidationException caps them); count them all.
    const omitted = typeof body.omittedErrors === 'number' ? body.omittedErrors : 0;
    const total = errors.length + omitted;
    const paths = errors.map((error) => error.path).join(', ');
    const summary =
      total === 1
        ? `${errors[0].path}: ${errors[0].message}`
        : total > 1
          ? language === 'vi'
            ? `${total} trường chưa hợp lệ: ${paths}${omitted > 0 ? ` và ${omitted} trường khác` : ''}`
            : `${total} fields are invalid: ${paths}${omitted > 0 ? ` and ${omitted} more` : ''}`
          : undefined;
    if (summary) detail = language === 'vi' ? PROBLEM_DETAILS[code].vi({ summary }) : summary;
  } else if (language === 'vi' && PROBLEM_DETAILS[code]) {
    detail = PROBLEM_DETAILS[code].vi({ ...body, ...params });
  }
  // File-level problems repeat their detail as the message of the `file` field.
  const withDetail = errors?.map((error, index) =>
    (body.errors?.[index] as KeyedMessage | undefined)?.key === `problem:${code}`
      ? { ...error, message: detail }
      : error,
  );
  const localised: ProblemDocument = {
    ...body,
    // English keeps the title it was raised with (the HTTP status text).
    title: language === 'vi' ? (STATUS_TITLES[body.status]?.vi ?? body.title) : body.title,
    detail,
  };
  if (withDetail) localised.errors = withDetail;
  if (rowErrors) localised.rowErrors = rowErrors;
  return localised;
}
