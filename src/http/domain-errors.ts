import { DomainError, type DomainErrorKind } from '../core/errors.js';
import { translate, type PlainKey } from '../i18n/index.js';

/** HTTP status per domain error kind: the only place a domain failure becomes a status. */
const STATUS: Record<DomainErrorKind, number> = { invalid: 400, refused: 403, missing: 404, conflict: 409 };

/**
 * The UI catalogue text that explains a code to a person. Pages use it in the person's
 * language (see pageFor in error-handler.ts); problem documents use the English copy, so
 * API and page never drift apart.
 */
const UI_TEXT: Record<string, PlainKey> = {
  link_expired: 'linkInvalid.body',
  link_invalid: 'linkInvalid.body',
  link_replayed: 'linkInvalid.body',
  link_clock_skew: 'linkSkew.body',
  session_other_user: 'error.otherUser',
  csrf: 'error.formExpired',
  sign_in_failed: 'error.signInFailed',
  certificate_invalid: 'error.certificate',
  invalid_identity: 'error.invalidIdentity',
  invalid_scenario: 'error.invalidScenario',
};

/** The catalogue key that tells a person what to do about `code`, if there is one. */
export function userTextKey(code: string): PlainKey | undefined {
  return Object.hasOwn(UI_TEXT, code) ? UI_TEXT[code] : undefined;
}

/** Problem details for codes no person ever reads on a page (back-channel APIs only). */
const API_TEXT: Record<string, string> = {
  session_gone: 'This access session no longer exists.',
  session_busy: 'The session changed too often at once; try again.',
};

/** Said when a code has neither an adapter detail nor a text above. */
const FALLBACK: Record<DomainErrorKind, string> = {
  invalid: 'The request was not valid.',
  refused: 'The request was refused.',
  missing: 'Not found.',
  conflict: 'The request conflicts with the current state; try again.',
};

/**
 * Status and client-facing detail for a domain error. An adapter's developer-facing
 * `detail` wins (it names the exact parameter); otherwise the catalogue's English text,
 * then a per-code API text, then a per-kind fallback.
 */
export function describeDomainError(error: DomainError): { status: number; detail: string } {
  const key = userTextKey(error.code);
  const detail =
    error.detail ?? (key ? translate('en', key) : undefined) ?? (Object.hasOwn(API_TEXT, error.code) ? API_TEXT[error.code]! : FALLBACK[error.kind]);
  return { status: STATUS[error.kind], detail };
}
