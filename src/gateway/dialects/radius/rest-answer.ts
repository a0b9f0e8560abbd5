import type { AttributeTemplate, RadiusSettings, Verdict } from './radius-settings.js';

/**
 * One attribute in rlm_rest's response format (FreeRADIUS 3.2 `mods-available/rest`):
 * `op` `+=` keeps every value (several Cisco-AVPairs), `do_xlat: false` makes a `%` in a
 * URL plain data instead of an expansion FreeRADIUS would try to run.
 */
interface RestAttribute {
  op: ':=' | '+=';
  value: string[];
  do_xlat: false;
}

/** The JSON body FreeRADIUS's rlm_rest turns into attributes: keys are `list:Attribute-Name`. */
export type RestAnswer = Record<string, RestAttribute>;

/** The control attribute the shipped policy reads (examples/freeradius/dictionary.vestibule). */
export const VERDICT_ATTRIBUTE = 'control:Vestibule-Verdict';

/**
 * Builds the answer for a verdict: the verdict itself, a Reply-Message (why, as a stable
 * code the switch logs), and the gateway's attribute set for accept or quarantine, with
 * `{portalUrl}` replaced. A reject carries no attribute set. Throws when a quarantine has
 * no portal URL: a redirect to nowhere must not leave here.
 */
export function restAnswer(
  verdict: Verdict,
  settings: Pick<RadiusSettings, 'acceptAttributes' | 'quarantineAttributes'>,
  options: { why: string; portalUrl?: string },
): RestAnswer {
  const answer: RestAnswer = {
    [VERDICT_ATTRIBUTE]: { op: ':=', value: [verdict], do_xlat: false },
    'reply:Reply-Message': { op: ':=', value: [`vestibule: ${verdict} (${options.why})`], do_xlat: false },
  };
  let templates: AttributeTemplate[] = [];
  if (verdict === 'accept') templates = settings.acceptAttributes;
  if (verdict === 'quarantine') {
    if (!options.portalUrl) throw new Error('a quarantine answer needs a portal URL');
    templates = settings.quarantineAttributes;
  }
  for (const { name, value } of templates) {
    const filled = value.replaceAll('{portalUrl}', options.portalUrl ?? '');
    const existing = answer[name];
    if (existing) existing.value.push(filled);
    else answer[name] = { op: '+=', value: [filled], do_xlat: false };
  }
  return answer;
}
