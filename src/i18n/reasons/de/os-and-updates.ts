import type { PlatformSteps, ReasonCatalogue } from '../types.js';
import { stepsFor } from '../types.js';
import { AFTER_HELPDESK, AFTER_RECONNECT, OFFLINE_PHONE, append, values, withOffline } from './shared.js';

/* Betriebssystemversion und Sicherheitsupdates. */

const UPDATE: PlatformSteps = withOffline({
  iOS: [
    'Öffnen Sie Einstellungen → Allgemein → Softwareupdate.',
    'Tippen Sie auf „Jetzt aktualisieren“ oder „Jetzt installieren“ und folgen Sie den Schritten.',
  ],
  Android: [
    'Öffnen Sie Einstellungen → System → Softwareupdate. Der Name hängt vom Hersteller ab: Es kann auch Einstellungen → Softwareupdate sein oder unter „Über das Telefon“ stehen.',
    'Laden Sie das Update herunter und installieren Sie es. Starten Sie neu, wenn Sie dazu aufgefordert werden.',
  ],
  Windows: [
    'Öffnen Sie Einstellungen → Windows Update. (Unter Windows 10: Einstellungen → Update und Sicherheit → Windows Update.)',
    'Wählen Sie „Nach Updates suchen“ und installieren Sie alle angebotenen Updates.',
    'Starten Sie den Computer neu, wenn Sie dazu aufgefordert werden.',
  ],
  macOS: [
    'Öffnen Sie Systemeinstellungen → Allgemein → Softwareupdate. (Auf älteren Macs: Systemeinstellungen → Softwareupdate.)',
    'Installieren Sie das Update und starten Sie neu, wenn Sie dazu aufgefordert werden.',
  ],
  Linux: [
    'Öffnen Sie die Softwareaktualisierung Ihres Systems und installieren Sie alle Updates.',
    'Starten Sie den Computer neu, wenn Sie dazu aufgefordert werden.',
  ],
  other: [
    'Öffnen Sie die Einstellungen Ihres Geräts und suchen Sie nach „Softwareupdate“.',
    'Installieren Sie das neueste Update.',
  ],
});

export const osAndUpdates: Pick<ReasonCatalogue, 'OS_TOO_OLD' | 'OS_TOO_NEW' | 'OS_BUILD_NOT_ALLOWED' | 'PATCH_LEVEL_OLD'> = {
  OS_TOO_OLD: {
    title: 'Gerät aktualisieren',
    problem: (ctx) => `Die Software auf Ihrem Gerät ist zu alt.${values(ctx, 'Ihre Version', 'Benötigt')}`,
    why: 'Updates schließen Sicherheitslücken, die Angreifer ausnutzen.',
    steps: stepsFor(
      append(
        UPDATE,
        'Wenn kein Update angeboten wird, ist Ihr Gerät für die benötigte Version vielleicht zu alt. Wenden Sie sich an den Helpdesk.',
      ),
    ),
    after: AFTER_RECONNECT,
  },

  OS_TOO_NEW: {
    title: 'Ihre Software ist neuer als erlaubt',
    problem: (ctx) =>
      `Auf Ihrem Gerät läuft eine Version, die Ihre Organisation noch nicht zulässt.${values(ctx, 'Ihre Version', 'Erlaubt')}`,
    why: 'Neue Versionen werden zugelassen, sobald sie mit den Arbeits-Apps getestet sind.',
    steps: stepsFor({
      other: [
        'Zu einer älteren Version können Sie meist nicht selbst zurückkehren.',
        'Wenden Sie sich an den Helpdesk. Dort erfahren Sie, wann Ihre Version zugelassen wird.',
      ],
    }),
    after: AFTER_HELPDESK,
  },

  OS_BUILD_NOT_ALLOWED: {
    title: 'Diese Windows-Version ist nicht erlaubt',
    problem: (ctx) => `Diese Windows-Version steht nicht auf der Liste der erlaubten Versionen.${values(ctx, 'Ihre Version', 'Erlaubt')}`,
    why: 'Nur getestete Windows-Versionen dürfen ins Netz.',
    steps: stepsFor(append(UPDATE, 'Wenn Sie nach dem Update immer noch gesperrt sind, wenden Sie sich an den Helpdesk.')),
    after: AFTER_RECONNECT,
  },

  PATCH_LEVEL_OLD: {
    title: 'Neuestes Sicherheitsupdate installieren',
    problem: (ctx) => `Das Sicherheitsupdate auf Ihrem Gerät ist zu alt.${values(ctx, 'Ihr Sicherheitsupdate', 'Benötigt')}`,
    why: 'Sicherheitsupdates schließen Lücken, die Angreifer ausnutzen.',
    steps: stepsFor(
      append(
        {
          ...UPDATE,
          Android: [
            OFFLINE_PHONE,
            'Öffnen Sie Einstellungen → System → Softwareupdate. Auf manchen Handys: Einstellungen → Sicherheit & Datenschutz → Updates oder Einstellungen → Softwareupdate.',
            'Installieren Sie alle angebotenen Updates und starten Sie dann neu.',
            'Ihren Stand sehen Sie unter Einstellungen → Über das Telefon → Android-Version → Sicherheitsupdate.',
          ],
        },
        'Wenn kein Update angeboten wird, bekommt Ihr Gerät vielleicht keine Updates mehr. Wenden Sie sich an den Helpdesk.',
      ),
    ),
    after: AFTER_RECONNECT,
  },
};
