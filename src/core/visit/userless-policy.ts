/**
 * Who may use a device that has no primary user (Intune shared-device / kiosk / userless
 * enrolment: `userId` is empty). Nobody "owns" such a device, so ownership cannot decide;
 * this explicit policy does.
 * - `deny` (default): refused, with its own outcome and wording.
 * - `anyUser`: any signed-in user may use it (compliance still decides).
 * - `group`: only users whose ID token lists `groupId` in its `groups` claim (Entra
 *   puts security-group object IDs there when the app registration asks for them).
 */
export type UserlessPolicy = { allow: 'none' } | { allow: 'anyUser' } | { allow: 'group'; groupId: string };

/** Parses `USERLESS_DEVICES`: `deny`, `any-user` or `group:<id>`; undefined when it is none of these. */
export function parseUserlessPolicy(text: string): UserlessPolicy | undefined {
  const value = text.trim();
  if (value === 'deny') return { allow: 'none' };
  if (value === 'any-user') return { allow: 'anyUser' };
  const group = /^group:(\S{1,128})$/.exec(value)?.[1];
  return group ? { allow: 'group', groupId: group.toLowerCase() } : undefined;
}

/** True when `groups` (the user's `groups` claim, any case) lets them use a userless device under `policy`. */
export function userlessAllowed(policy: UserlessPolicy, groups: readonly string[] | undefined): boolean {
  if (policy.allow === 'anyUser') return true;
  if (policy.allow === 'group') return (groups ?? []).some((group) => group.toLowerCase() === policy.groupId);
  return false;
}
