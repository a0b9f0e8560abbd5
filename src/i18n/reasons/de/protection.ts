import type { ReasonCatalogue } from '../types.js';
import { stepsFor } from '../types.js';
import { AFTER, AFTER_RECONNECT, HELPDESK_ONLY, HELPDESK_UNSURE, current, values, withOffline } from './shared.js';

/* Firewall, Virenschutz, Microsoft Defender und Bedrohungsstufen. */

const THREAT_WINDOWS = [
  'Öffnen Sie Windows-Sicherheit → Viren- & Bedrohungsschutz.',
  'Wählen Sie „Schnellüberprüfung“. Wenn Bedrohungen gefunden werden, wählen Sie „Entfernen“ oder „Quarantäne“.',
  'Installieren Sie alle Updates unter Einstellungen → Windows Update.',
  'Wenn die Warnung bleibt, wenden Sie sich an den Helpdesk.',
];

export const protection: Pick<
  ReasonCatalogue,
  | 'FIREWALL_OFF'
  | 'ANTIVIRUS_MISSING'
  | 'DEFENDER_OFF'
  | 'DEFENDER_OUTDATED'
  | 'REALTIME_PROTECTION_OFF'
  | 'MDE_RISK_TOO_HIGH'
  | 'MTD_THREAT_TOO_HIGH'
> = {
  FIREWALL_OFF: {
    title: 'Firewall einschalten',
    problem: (ctx) => `Ihre Firewall ist ausgeschaltet.${current(ctx)}`,
    why: 'Die Firewall blockiert unerwünschte Verbindungen zu Ihrem Gerät.',
    steps: stepsFor({
      Windows: [
        'Öffnen Sie Windows-Sicherheit → Firewall- & Netzwerkschutz.',
        'Schalten Sie die Firewall für jeden Netzwerktyp ein: Domäne, privat und öffentlich.',
      ],
      macOS: ['Öffnen Sie Systemeinstellungen → Netzwerk → Firewall.', 'Schalten Sie die Firewall ein.'],
      other: ['Öffnen Sie die Sicherheitseinstellungen Ihres Geräts und schalten Sie die Firewall ein.', HELPDESK_UNSURE],
    }),
    after: AFTER,
  },

  ANTIVIRUS_MISSING: {
    title: 'Virenschutz einschalten',
    problem: (ctx) => `Es wurde kein funktionierender Virenschutz gefunden.${current(ctx)}`,
    why: 'Virenschutz stoppt Schadsoftware, bevor sie Schaden anrichtet.',
    steps: stepsFor({
      Windows: [
        'Öffnen Sie Windows-Sicherheit → Viren- & Bedrohungsschutz.',
        'Wenn dort steht, dass kein Anbieter aktiv ist, schalten Sie Microsoft Defender ein oder öffnen Sie Ihr anderes Virenschutzprogramm und schalten Sie es ein.',
        'Wenn Ihr Virenschutz-Abo abgelaufen ist, verlängern Sie es oder deinstallieren Sie das Programm, damit Microsoft Defender übernimmt.',
      ],
      other: ['Installieren Sie einen Virenschutz oder schalten Sie ihn ein.', HELPDESK_UNSURE],
    }),
    after: AFTER,
  },

  DEFENDER_OFF: {
    title: 'Microsoft Defender einschalten',
    problem: (ctx) => `Microsoft Defender ist ausgeschaltet.${current(ctx)}`,
    why: 'Microsoft Defender schützt Ihren Computer vor Schadsoftware.',
    steps: stepsFor({
      Windows: [
        'Öffnen Sie Windows-Sicherheit → Viren- & Bedrohungsschutz.',
        'Wählen Sie unter „Einstellungen für Viren- & Bedrohungsschutz“ die Option „Einstellungen verwalten“ und schalten Sie den Echtzeitschutz ein.',
        'Wenn ein anderes Virenschutzprogramm installiert ist, hat es Defender vielleicht ausgeschaltet. Fragen Sie den Helpdesk, was zu tun ist.',
      ],
      other: HELPDESK_ONLY.other,
    }),
    after: AFTER,
  },

  DEFENDER_OUTDATED: {
    title: 'Microsoft Defender aktualisieren',
    problem: (ctx) => `Microsoft Defender ist nicht auf dem neuesten Stand.${values(ctx, 'Ihre Version', 'Benötigt')}`,
    why: 'Defender braucht die neuesten Updates, um neue Bedrohungen zu erkennen.',
    steps: stepsFor(
      withOffline({
        Windows: [
          'Öffnen Sie Windows-Sicherheit → Viren- & Bedrohungsschutz.',
          'Wählen Sie unter „Updates für Viren- & Bedrohungsschutz“ die Option „Schutzupdates“ → „Nach Updates suchen“.',
          'Installieren Sie außerdem alle Updates unter Einstellungen → Windows Update.',
        ],
        other: HELPDESK_ONLY.other,
      }),
    ),
    after: AFTER_RECONNECT,
  },

  REALTIME_PROTECTION_OFF: {
    title: 'Echtzeitschutz einschalten',
    problem: (ctx) => `Der Echtzeitschutz ist ausgeschaltet.${current(ctx)}`,
    why: 'Der Echtzeitschutz stoppt Schadsoftware in dem Moment, in dem sie auftaucht.',
    steps: stepsFor({
      Windows: [
        'Öffnen Sie Windows-Sicherheit → Viren- & Bedrohungsschutz.',
        'Wählen Sie unter „Einstellungen für Viren- & Bedrohungsschutz“ die Option „Einstellungen verwalten“.',
        'Schalten Sie „Echtzeitschutz“ ein.',
      ],
      other: HELPDESK_ONLY.other,
    }),
    after: AFTER,
  },

  MDE_RISK_TOO_HIGH: {
    title: 'Sicherheitsrisiko auf Ihrem Gerät gefunden',
    problem: (ctx) =>
      `Microsoft Defender hat Bedrohungen gefunden und stuft Ihr Gerät als zu riskant ein.${values(ctx, 'Risikostufe', 'Erlaubt')}`,
    why: 'Ein gefährdetes Gerät könnte anderen im Netz schaden.',
    steps: stepsFor({
      Windows: THREAT_WINDOWS,
      Android: [
        'Öffnen Sie die App „Microsoft Defender“.',
        'Folgen Sie ihren Hinweisen, um die Bedrohungen zu entfernen, zum Beispiel indem Sie die genannten Apps deinstallieren.',
        'Wenn die Warnung bleibt, wenden Sie sich an den Helpdesk.',
      ],
      other: HELPDESK_ONLY.other,
    }),
    after: 'Wenn die Bedrohungen entfernt sind, tippen Sie auf „Erneut prüfen“. Die Aktualisierung kann etwas dauern.',
  },

  MTD_THREAT_TOO_HIGH: {
    title: 'Sicherheitsrisiko auf Ihrem Gerät gefunden',
    problem: (ctx) => `Ihre Sicherheits-App hat auf diesem Gerät eine Bedrohung gefunden.${values(ctx, 'Bedrohungsstufe', 'Erlaubt')}`,
    why: 'Ein gefährdetes Gerät könnte anderen im Netz schaden.',
    steps: stepsFor({
      iOS: [
        'Öffnen Sie Ihre Sicherheits-App (zum Beispiel Microsoft Defender).',
        'Folgen Sie ihren Hinweisen, um die Bedrohung zu entfernen, zum Beispiel indem Sie eine genannte App löschen.',
        'Wenn die Warnung bleibt, wenden Sie sich an den Helpdesk.',
      ],
      Android: [
        'Öffnen Sie Ihre Sicherheits-App (zum Beispiel Microsoft Defender).',
        'Folgen Sie ihren Hinweisen, um die Bedrohung zu entfernen, zum Beispiel indem Sie eine genannte App deinstallieren.',
        'Wenn die Warnung bleibt, wenden Sie sich an den Helpdesk.',
      ],
      other: HELPDESK_ONLY.other,
    }),
    after: 'Wenn die Bedrohung entfernt ist, tippen Sie auf „Erneut prüfen“. Die Aktualisierung kann etwas dauern.',
  },
};
