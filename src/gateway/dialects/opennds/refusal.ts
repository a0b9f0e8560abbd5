/**
 * The one refusal for an openNDS intake that cannot be trusted. Every decode, decrypt,
 * padding and field failure throws this same error with the same text, so a caller learns
 * nothing about which step failed: CBC without a MAC would otherwise be a padding oracle.
 * `detail` is for the server log only (never shown, never sent).
 */
export class OpenNdsRefusal extends Error {
  override readonly name = 'OpenNdsRefusal';
  readonly code = 'link_invalid';
  constructor(readonly detail: string) {
    super('This sign-in link is not valid.');
  }
}
