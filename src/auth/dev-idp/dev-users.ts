import { z } from 'zod';
import { readConfigFile } from '../../config/config-file.js';
import { sameSecret } from '../../http/same-secret.js';

const usersSchema = z.strictObject({
  users: z
    .array(
      z.strictObject({
        username: z.string().regex(/^[a-z0-9._-]{1,64}$/i),
        password: z.string().min(8),
        oid: z.uuid(),
        name: z.string().min(1).max(200),
        email: z.email(),
        /** Group object IDs the dev IdP puts in the `groups` claim, as Entra does when asked to. */
        groups: z.array(z.string().min(1).max(128)).max(50).optional(),
      }),
    )
    .min(1),
});

export type DevUser = z.infer<typeof usersSchema>['users'][number];

/** The dev IdP's users (DEV_USERS_FILE). Development only: passwords are plain text on purpose. */
export class DevUsers {
  private constructor(private readonly users: DevUser[]) {}

  static load(path: string): DevUsers {
    const { value } = readConfigFile('DEV_USERS_FILE', path, usersSchema);
    return new DevUsers(value.users.map((u) => ({ ...u, oid: u.oid.toLowerCase() })));
  }

  byOid(oid: string): DevUser | undefined {
    return this.users.find((user) => user.oid === oid);
  }

  /** Checks a username and password; compares digests in constant time. */
  authenticate(username: string, password: string): DevUser | undefined {
    const user = this.users.find((u) => u.username === username.trim().toLowerCase());
    const ok = sameSecret(password, user?.password ?? '\0');
    return user && ok ? user : undefined;
  }

  list(): readonly DevUser[] {
    return this.users;
  }
}
