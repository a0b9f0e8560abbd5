import type { ReasonCatalogue } from '../types.js';
import { stepsFor } from '../types.js';
import { AFTER, HELPDESK_ONLY, HELPDESK_UNSURE, current } from './shared.js';

/* Apps auf dem Gerät: nicht erlaubte Apps und verwaltet eingerichtete Arbeits-E-Mail. */

export const appsAndEmail: Pick<ReasonCatalogue, 'RESTRICTED_APP' | 'MANAGED_EMAIL_REQUIRED'> = {
  RESTRICTED_APP: {
    title: 'Nicht erlaubte App entfernen',
    problem: (ctx) => `Auf Ihrem Gerät ist eine App installiert, die nicht erlaubt ist.${current(ctx, 'App')}`,
    why: 'Manche Apps sind gesperrt, weil sie Arbeitsdaten gefährden.',
    steps: stepsFor({
      iOS: [
        'Welche App es ist, sehen Sie im Unternehmensportal unter Geräte → dieses Gerät.',
        'Suchen Sie die App auf dem Home-Bildschirm oder in der App-Mediathek.',
        'Halten Sie sie gedrückt und tippen Sie auf „App entfernen“ → „App löschen“.',
      ],
      other: ['Deinstallieren Sie die oben genannte App.', HELPDESK_UNSURE],
    }),
    after: AFTER,
  },

  MANAGED_EMAIL_REQUIRED: {
    title: 'Arbeits-E-Mail richtig einrichten',
    problem: (ctx) => `Ihre Arbeits-E-Mail ist nicht so eingerichtet, wie Ihre Organisation es verlangt.${current(ctx)}`,
    why: 'Die Arbeits-E-Mail muss von Ihrer Organisation eingerichtet werden, damit sie geschützt bleibt.',
    steps: stepsFor({
      iOS: [
        'Wenn Sie Ihre Arbeits-E-Mail selbst hinzugefügt haben, entfernen Sie sie: Einstellungen → Apps → Mail → Mail-Accounts (in älteren Versionen: Einstellungen → Mail → Accounts), Arbeitskonto wählen, dann „Account löschen“.',
        'Öffnen Sie im Unternehmensportal Geräte → dieses Gerät und tippen Sie auf „Einstellungen überprüfen“, damit die Arbeits-E-Mail für Sie eingerichtet werden kann.',
      ],
      other: HELPDESK_ONLY.other,
    }),
    after: AFTER,
  },
};
