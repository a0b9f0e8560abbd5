import 'express-session';

/** What Vestibule keeps in a browser session: as little as the flow needs. */
declare module 'express-session' {
  interface SessionData {
    /** The access session (by portal handle) this browser is signing in for. */
    signingInFor?: string;
    /** The access session this browser completed a sign-in for. */
    signedInFor?: string;
    /** Where a sign-in that belongs to no access session returns to (the /fix/… entry). */
    signInReturnTo?: string;
    /** /fix/…: re-checks still running at the backend, by device id. */
    fixChecks?: Record<string, { deviceId: string; startedAt: string; syncRequested: boolean; deadline: number }>;
    /** Synchronizer token for the portal's POST forms. */
    csrfToken?: string;
    /** The last Check again on a portal page: the reason codes before it, to say what changed. */
    lastCheck?: { handle: string; before: string[] };
  }
}

export interface PortalUser {
  id: string;
  name: string;
  /** The ID token's `groups` claim (Entra group object IDs); absent when the IdP sends none. */
  groups?: string[];
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- merging into the global Express namespace is how @types/passport types req.user
  namespace Express {
    // passport puts the deserialised user here; ours carries only id, name and groups.
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- an interface merge adds PortalUser's members to Express.User
    interface User extends PortalUser {}
  }
}
