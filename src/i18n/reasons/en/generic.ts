import type { ReasonCatalogue } from '../types.js';
import { stepsFor, when } from '../types.js';
import { AFTER, detail, values } from './shared.js';

/* Settings without specific text: custom compliance scripts and any other non-compliant setting. */

export const generic: Pick<ReasonCatalogue, 'CUSTOM_COMPLIANCE' | 'SETTING_NONCOMPLIANT'> = {
  CUSTOM_COMPLIANCE: {
    title: 'A required setting needs attention',
    problem: (ctx) =>
      when(ctx.settingName, (name) => `The setting “${name}” doesn’t meet your organization’s rules.`, 'One of your organization’s checks failed.') +
      values(ctx, 'Now', 'Required') +
      detail(ctx),
    why: 'Your organization checks this setting to keep devices safe.',
    steps: stepsFor({
      other: [
        'Use the details above to fix the setting.',
        'If you’re not sure what to do, contact the helpdesk and tell them the setting name and details shown here.',
      ],
    }),
    after: AFTER,
  },

  SETTING_NONCOMPLIANT: {
    title: 'A setting needs to change',
    problem: (ctx) =>
      when(ctx.settingName, (name) => `The setting “${name}” doesn’t meet the rules`, 'A setting on your device doesn’t meet the rules') +
      when(ctx.policyName, (policy) => ` in the policy “${policy}”.`, '.') +
      values(ctx, 'Now', 'Required') +
      detail(ctx),
    why: 'Your organization requires this setting to keep work data safe.',
    steps: (ctx) => [
      'Open the Company Portal app and choose this device. It shows what to change and how.',
      when(
        ctx.settingName,
        (name) => `If you need help, contact the helpdesk and mention the setting “${name}”.`,
        'If you need help, contact the helpdesk and show them this message.',
      ),
    ],
    after: AFTER,
  },
};
