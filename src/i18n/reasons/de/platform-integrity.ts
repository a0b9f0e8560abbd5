import type { ReasonCatalogue } from '../types.js';
import { stepsFor } from '../types.js';
import { AFTER, AFTER_RECONNECT, AFTER_RESTART, HELPDESK_ONLY, current, values, withOffline } from './shared.js';

/* Plattformintegrität: Jailbreak und Root, Play Integrity, Android-Entwicklereinstellungen, Unternehmensportal, SIP und Gatekeeper. */

const ANDROID_DEVELOPER_OPTIONS =
  'Öffnen Sie Einstellungen → System → Entwickleroptionen. (Auf manchen Handys: Einstellungen → Entwickleroptionen.)';

export const platformIntegrity: Pick<
  ReasonCatalogue,
  | 'JAILBROKEN_ROOTED'
  | 'PLAY_INTEGRITY_FAILED'
  | 'PLAY_SERVICES_REQUIRED'
  | 'USB_DEBUGGING_ON'
  | 'UNKNOWN_SOURCES'
  | 'COMPANY_PORTAL_INTEGRITY'
  | 'SIP_DISABLED'
  | 'GATEKEEPER'
> = {
  JAILBROKEN_ROOTED: {
    title: 'Die Schutzfunktionen Ihres Geräts wurden entfernt',
    problem: (ctx) =>
      `Ihr Gerät scheint verändert zu sein (Jailbreak oder Root). Damit sind seine eingebauten Schutzfunktionen entfernt.${current(ctx)}`,
    why: 'Einem veränderten Gerät können wir Arbeitsdaten nicht sicher anvertrauen.',
    steps: stepsFor({
      iOS: [
        'Sichern Sie Ihre Daten.',
        'Stellen Sie das iPhone oder iPad mit einem Computer wieder her (Finder oder iTunes → Wiederherstellen), um den Jailbreak zu entfernen.',
        'Wenn Sie das Gerät nicht verändert haben, wenden Sie sich an den Helpdesk.',
      ],
      Android: [
        'Sichern Sie Ihre Daten.',
        'Entfernen Sie den Root-Zugriff oder spielen Sie die Originalsoftware des Herstellers wieder auf.',
        'Wenn Sie das Gerät nicht verändert haben, wenden Sie sich an den Helpdesk.',
      ],
      other: HELPDESK_ONLY.other,
    }),
    after: AFTER,
  },

  PLAY_INTEGRITY_FAILED: {
    title: 'Ihr Handy hat die Sicherheitsprüfung von Google nicht bestanden',
    problem: (ctx) =>
      `Laut der Sicherheitsprüfung von Google wurde die Software dieses Handys verändert oder ist nicht vertrauenswürdig.${current(ctx)}`,
    why: 'Arbeitsdaten sind nur auf Handys erlaubt, die diese Prüfung bestehen.',
    steps: stepsFor({
      Android: [
        'Installieren Sie alle Updates unter Einstellungen → System → Softwareupdate.',
        'Wenn Sie eigene Software installiert, den Bootloader entsperrt oder das Handy gerootet haben, spielen Sie die Originalsoftware des Herstellers wieder auf.',
        'Wenn Sie nichts verändert haben, wenden Sie sich an den Helpdesk.',
      ],
      other: HELPDESK_ONLY.other,
    }),
    after: AFTER_RECONNECT,
  },

  PLAY_SERVICES_REQUIRED: {
    title: 'Google Play-Dienste aktualisieren',
    problem: (ctx) => `Die Google Play-Dienste fehlen, sind ausgeschaltet oder veraltet.${current(ctx)}`,
    why: 'Ihr Handy braucht sie für Sicherheitsprüfungen und Updates.',
    steps: stepsFor(
      withOffline({
        Android: [
          'Öffnen Sie Einstellungen → Apps → Google Play-Dienste. (Eventuell müssen Sie erst auf „Alle Apps anzeigen“ tippen.)',
          'Wenn Sie „Aktivieren“ sehen, tippen Sie darauf.',
          'Tippen Sie unten auf „App-Details“ und dann auf „Aktualisieren“, falls angeboten.',
        ],
        other: HELPDESK_ONLY.other,
      }),
    ),
    after: AFTER_RECONNECT,
  },

  USB_DEBUGGING_ON: {
    title: 'USB-Debugging ausschalten',
    problem: (ctx) => `USB-Debugging ist eingeschaltet.${current(ctx)}`,
    why: 'Mit USB-Debugging kann ein angeschlossener Computer Ihr Handy steuern und seine Daten lesen.',
    steps: stepsFor({
      Android: [ANDROID_DEVELOPER_OPTIONS, 'Schalten Sie „USB-Debugging“ aus, oder schalten Sie die Entwickleroptionen ganz aus.'],
      other: HELPDESK_ONLY.other,
    }),
    after: AFTER,
  },

  UNKNOWN_SOURCES: {
    title: 'Apps aus unbekannten Quellen blockieren',
    problem: (ctx) => `Ihr Handy erlaubt Apps, die nicht aus dem Play Store kommen.${current(ctx)}`,
    why: 'Apps von außerhalb des Stores sind häufiger schädlich.',
    steps: stepsFor({
      Android: [
        'Öffnen Sie Einstellungen → Apps → Spezieller App-Zugriff → Unbekannte Apps installieren. (Auf manchen Handys unter „Sicherheit“.)',
        'Schalten Sie bei jeder aufgeführten App „Dieser Quelle vertrauen“ bzw. „Von dieser Quelle zulassen“ aus.',
      ],
      other: HELPDESK_ONLY.other,
    }),
    after: AFTER,
  },

  COMPANY_PORTAL_INTEGRITY: {
    title: 'Unternehmensportal-App prüfen',
    problem: (ctx) =>
      `Die App „Unternehmensportal“ auf diesem Handy ist nicht die offizielle Version oder wurde verändert.${current(ctx)}`,
    why: 'Das Unternehmensportal prüft die Sicherheit Ihres Handys, deshalb muss es die echte App sein.',
    steps: stepsFor(
      withOffline({
        Android: [
          'Öffnen Sie den Play Store, suchen Sie nach „Intune-Unternehmensportal“ und tippen Sie auf „Aktualisieren“, falls angeboten.',
          `Wenn die Entwickleroptionen eingeschaltet sind, schalten Sie sie aus: ${ANDROID_DEVELOPER_OPTIONS}`,
          'Wenn das Unternehmensportal nicht aus dem Play Store stammt, wenden Sie sich an den Helpdesk, bevor Sie es entfernen. Ohne die App kann Ihr Handy aus dem Arbeitsnetz fallen.',
        ],
        other: HELPDESK_ONLY.other,
      }),
    ),
    after: AFTER_RECONNECT,
  },

  SIP_DISABLED: {
    title: 'Systemintegritätsschutz einschalten',
    problem: (ctx) => `Der Systemintegritätsschutz (SIP) ist auf diesem Mac ausgeschaltet.${current(ctx)}`,
    why: 'Er verhindert, dass Schadsoftware wichtige Systemdateien verändert.',
    steps: stepsFor({
      macOS: [
        'Starten Sie den Mac im Wiederherstellungsmodus. Apple Silicon: ausschalten, dann die Ein/Aus-Taste gedrückt halten, bis die Startoptionen erscheinen, und „Optionen“ wählen. Intel: neu starten und dabei Befehlstaste-R gedrückt halten.',
        'Wählen Sie Dienstprogramme → Terminal.',
        'Geben Sie csrutil enable ein und drücken Sie die Eingabetaste.',
        'Starten Sie den Mac neu.',
      ],
      other: HELPDESK_ONLY.other,
    }),
    after: AFTER_RESTART,
  },

  GATEKEEPER: {
    title: 'Nur vertrauenswürdige Apps erlauben',
    problem: (ctx) => `Ihr Mac erlaubt das Öffnen von Apps aus beliebigen Quellen.${values(ctx, 'Aktuell', 'Erforderlich')}`,
    why: 'Apps aus unbekannten Quellen sind häufiger schädlich.',
    steps: stepsFor({
      macOS: [
        'Öffnen Sie Systemeinstellungen → Datenschutz & Sicherheit.',
        'Stellen Sie unter „Sicherheit“ die Option „Apps erlauben von“ auf „App Store und verifizierte Entwickler“ (oder „App Store“, falls verlangt).',
        'Wenn Sie das nicht ändern können, wenden Sie sich an den Helpdesk.',
      ],
      other: HELPDESK_ONLY.other,
    }),
    after: AFTER,
  },
};
