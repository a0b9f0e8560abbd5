import { BadRequestError } from '../../http/errors.js';

/** The Intune compliance-retrieval API versions NAC partners are built against. */
export const API_VERSIONS = ['1.0', '1.1', '1.3', '2.0'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

export function parseVersion(input: string): ApiVersion {
  const version = API_VERSIONS.find((candidate) => candidate === input);
  if (!version) {
    throw new BadRequestError(`Unsupported API version "${input.slice(0, 16)}"; use one of ${API_VERSIONS.join(', ')}.`, 'unsupported_version');
  }
  return version;
}
