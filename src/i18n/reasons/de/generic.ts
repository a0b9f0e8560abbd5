import type { ReasonCatalogue } from '../types.js';
import { stepsFor, when } from '../types.js';
import { AFTER, detail, values } from './shared.js';

/* Einstellungen ohne eigenen Text: benutzerdefinierte Konformitätsskripte und jede andere nicht konforme Einstellung. */

export const generic: Pick<ReasonCatalogue, 'CUSTOM_COMPLIANCE' | 'SETTING_NONCOMPLIANT'> = {
  CUSTOM_COMPLIANCE: {
    title: 'Eine erforderliche Einstellung muss angepasst werden',
    problem: (ctx) =>
      when(
        ctx.settingName,
        (name) => `Die Einstellung „${name}“ erfüllt die Regeln Ihrer Organisation nicht.`,
        'Eine Prüfung Ihrer Organisation ist fehlgeschlagen.',
      ) +
      values(ctx, 'Aktuell', 'Erforderlich') +
      detail(ctx),
    why: 'Ihre Organisation prüft diese Einstellung, damit Geräte sicher bleiben.',
    steps: stepsFor({
      other: [
        'Passen Sie die Einstellung anhand der Details oben an.',
        'Wenn Sie unsicher sind, wenden Sie sich an den Helpdesk und nennen Sie den Namen der Einstellung und die Details von dieser Seite.',
      ],
    }),
    after: AFTER,
  },

  SETTING_NONCOMPLIANT: {
    title: 'Eine Einstellung muss geändert werden',
    problem: (ctx) =>
      when(ctx.settingName, (name) => `Die Einstellung „${name}“`, 'Eine Einstellung auf Ihrem Gerät') +
      ' erfüllt die Regeln' +
      when(ctx.policyName, (policy) => ` der Richtlinie „${policy}“`) +
      ' nicht.' +
      values(ctx, 'Aktuell', 'Erforderlich') +
      detail(ctx),
    why: 'Ihre Organisation verlangt diese Einstellung, damit Arbeitsdaten geschützt bleiben.',
    steps: (ctx) => [
      'Öffnen Sie die App „Unternehmensportal“ und wählen Sie dieses Gerät. Dort sehen Sie, was zu ändern ist und wie.',
      when(
        ctx.settingName,
        (name) => `Wenn Sie Hilfe brauchen, wenden Sie sich an den Helpdesk und nennen Sie die Einstellung „${name}“.`,
        'Wenn Sie Hilfe brauchen, wenden Sie sich an den Helpdesk und zeigen Sie diese Meldung.',
      ),
    ],
    after: AFTER,
  },
};
