import type { SessionStatus } from './access-session.js';

/**
 * The only moves a session's status may make. `evaluating → pending` is how a failed
 * evaluation fails closed (the user may try again); nothing ever jumps straight to
 * `allowed` without passing through `evaluating`.
 */
const ALLOWED: Record<SessionStatus, readonly SessionStatus[]> = {
  pending: ['evaluating', 'expired'],
  evaluating: ['evaluating', 'allowed', 'blocked', 'pending', 'expired'],
  blocked: ['evaluating', 'expired'],
  allowed: ['expired'],
  expired: [],
};

export function canMove(from: SessionStatus, to: SessionStatus): boolean {
  return from === to || ALLOWED[from].includes(to);
}

export class InvalidTransitionError extends Error {
  override readonly name = 'InvalidTransitionError';
  constructor(from: SessionStatus, to: SessionStatus) {
    super(`access session cannot move from ${from} to ${to}`);
  }
}
