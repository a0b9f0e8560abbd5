import { BadRequestError } from '../../http/errors.js';
import type { IseApiVersion } from './device-attributes.js';
import type { XmlElement } from './ise-xml.js';

export interface MdmInfoOptions {
  apiPath: (version: IseApiVersion) => string;
  redirectUrl: string;
  queryMaxSize: number;
  productVersion: string;
}

/**
 * The `mdminfo` answer: `api_version` is the highest we serve that is ≤ the
 * `ise_api_version` ISE sent (2 or 3; no parameter = a pre-v3 ISE, answered as v2);
 * vendor, product_name and product_version are mandatory from v3 (Cisco MDM API guide).
 * Messaging and actions are not offered (`messaging_support=false`).
 */
export function mdmInfo(rawUrl: string, options: MdmInfoOptions): XmlElement {
  const params = new URL(rawUrl, 'http://query.invalid').searchParams;
  const asked = params.get('ise_api_version');
  if (asked !== null && !/^\d{1,3}$/.test(asked)) throw new BadRequestError('ise_api_version must be a whole number.', 'invalid_parameter');
  const wanted = asked === null ? 2 : Number(asked);
  if (wanted < 2) throw new BadRequestError('Vestibule serves MDM API versions 2 and 3.', 'unsupported_version');
  const version: IseApiVersion = wanted >= 3 ? 3 : 2;
  const info: XmlElement = {
    name: 'mdminfo',
    api_version: version,
    api_path: options.apiPath(version),
    redirect_url: options.redirectUrl,
    query_max_size: options.queryMaxSize,
    messaging_support: false,
  };
  if (version === 3) {
    info.vendor = 'Vestibule';
    info.product_name = 'Vestibule';
    info.product_version = options.productVersion;
  }
  return info;
}
