import type { PlatformSteps, ReasonCatalogue } from '../types.js';
import { stepsFor, when } from '../types.js';
import { AFTER, AFTER_HELPDESK, current, detail, expected } from './shared.js';

/* Der Stand der Konformitätsprüfung selbst: noch nicht geprüft, Schonfrist, veraltet, keine Richtlinie, Fehler. */

const SYNC: PlatformSteps = {
  iOS: [
    'Öffnen Sie die App „Unternehmensportal“.',
    'Tippen Sie auf „Geräte“, wählen Sie dieses Gerät und tippen Sie auf „Einstellungen überprüfen“.',
    'Wenn keine Verbindung zustande kommt, nutzen Sie kurz mobile Daten.',
  ],
  Android: [
    'Öffnen Sie die App „Unternehmensportal“.',
    'Tippen Sie auf „Geräte“, wählen Sie dieses Gerät und tippen Sie auf „Geräteeinstellungen überprüfen“.',
    'Wenn keine Verbindung zustande kommt, nutzen Sie kurz mobile Daten.',
  ],
  Windows: [
    'Öffnen Sie die App „Unternehmensportal“ und wählen Sie Einstellungen → Synchronisieren.',
    'Oder öffnen Sie Einstellungen → Konten → Auf Arbeits- oder Schulkonto zugreifen, wählen Sie Ihr Arbeitskonto und dann Info → Synchronisieren.',
    'Wenn keine Verbindung zustande kommt, nutzen Sie kurz ein anderes Netz (zum Beispiel den Hotspot Ihres Handys).',
  ],
  macOS: [
    'Öffnen Sie die App „Unternehmensportal“.',
    'Wählen Sie diesen Mac und dann „Einstellungen überprüfen“.',
    'Wenn keine Verbindung zustande kommt, nutzen Sie kurz ein anderes Netz (zum Beispiel den Hotspot Ihres Handys).',
  ],
  Linux: ['Öffnen Sie die App „Microsoft Intune“.', 'Wählen Sie dieses Gerät und aktualisieren Sie den Status.'],
  other: ['Öffnen Sie die App „Unternehmensportal“.', 'Wählen Sie dieses Gerät und prüfen Sie den Status.'],
};

export const deviceState: Pick<
  ReasonCatalogue,
  | 'STATE_UNKNOWN'
  | 'IN_GRACE_PERIOD'
  | 'STALE_CHECKIN'
  | 'NO_POLICY'
  | 'COMPLIANCE_ERROR'
  | 'CONFIGMGR_NONCOMPLIANT'
> = {
  STATE_UNKNOWN: {
    title: 'Ihr Gerät wird noch geprüft',
    problem: (ctx) => `Ihr Gerät wurde vor Kurzem eingerichtet und ist noch nicht geprüft.${current(ctx)}`,
    why: 'Wir können ein Gerät erst ins Netz lassen, wenn es geprüft wurde.',
    steps: (ctx) => ['Warten Sie ein paar Minuten.', ...stepsFor(SYNC)(ctx)],
    after: 'Tippen Sie auf „Erneut prüfen“. Die erste Prüfung kann etwas dauern.',
  },

  IN_GRACE_PERIOD: {
    title: 'Bitte bald beheben',
    problem: (ctx) =>
      'Ihr Gerät erfüllt nicht alle Regeln, aber Sie können das Netz vorerst nutzen.' +
      when(ctx.deadline, (deadline) => ` Beheben Sie das Problem bis ${deadline}.`, ' Beheben Sie das Problem bald.') +
      current(ctx),
    why: 'Nach Ablauf der Frist wird Ihr Gerät gesperrt, bis das Problem behoben ist.',
    steps: (ctx) => [
      when(
        ctx.deadline,
        (deadline) => `Beheben Sie die anderen Punkte auf dieser Seite bis ${deadline}.`,
        'Beheben Sie die anderen Punkte auf dieser Seite.',
      ),
      'Wenn sonst nichts aufgeführt ist, öffnen Sie die App „Unternehmensportal“. Dort sehen Sie, was zu ändern ist.',
    ],
    after: 'Bis zur Frist können Sie das Netz weiter nutzen. Wenn Sie das Problem behoben haben, tippen Sie auf „Erneut prüfen“.',
  },

  STALE_CHECKIN: {
    title: 'Ihr Gerät hat sich länger nicht gemeldet',
    problem: (ctx) =>
      `Ihr Gerät hat sich zu lange nicht bei Ihrer Organisation gemeldet.${current(ctx, 'Zuletzt gemeldet')}${expected(ctx, 'Erlaubt')}`,
    why: 'Geräte müssen sich regelmäßig melden, damit wir wissen, dass sie noch sicher sind.',
    steps: stepsFor(SYNC),
    after: 'Warten Sie eine Minute und tippen Sie dann auf „Erneut prüfen“.',
  },

  NO_POLICY: {
    title: 'Keine Sicherheitsregeln für dieses Gerät',
    problem: (ctx) => `Ihre Organisation hat diesem Gerät noch keine Sicherheitsregeln zugewiesen.${current(ctx)}`,
    why: 'Ein Gerät ohne Regeln kann nicht geprüft werden und darf deshalb nicht ins Netz.',
    steps: stepsFor({
      other: [
        'Das muss Ihr IT-Team beheben.',
        'Wenden Sie sich an den Helpdesk und sagen Sie: „Meinem Gerät ist keine Compliance-Richtlinie zugewiesen.“',
      ],
    }),
    after: AFTER_HELPDESK,
  },

  COMPLIANCE_ERROR: {
    title: 'Wir konnten Ihr Gerät nicht prüfen',
    problem: (ctx) => `Bei der Prüfung Ihres Geräts ist ein Fehler aufgetreten.${current(ctx)}${detail(ctx)}`,
    why: 'Solange die Prüfung nicht funktioniert, können wir das Gerät nicht ins Netz lassen.',
    steps: (ctx) => [
      ...stepsFor(SYNC)(ctx),
      'Wenn das wieder passiert, starten Sie das Gerät neu und versuchen Sie es erneut, oder wenden Sie sich an den Helpdesk.',
    ],
    after: 'Warten Sie ein paar Minuten und tippen Sie dann auf „Erneut prüfen“.',
  },

  CONFIGMGR_NONCOMPLIANT: {
    title: 'Das Verwaltungsprogramm Ihres Computers meldet ein Problem',
    problem: (ctx) =>
      `Das Programm, das diesen Computer verwaltet (Configuration Manager), meldet, dass er die Regeln nicht erfüllt.${current(ctx)}`,
    why: 'Ihre Organisation hält damit Computer sicher und aktuell.',
    steps: stepsFor({
      Windows: [
        'Öffnen Sie das Softwarecenter und installieren Sie alles, was als erforderlich markiert ist.',
        'Öffnen Sie Systemsteuerung → Configuration Manager → Aktionen, wählen Sie „Computerrichtlinienabruf- und Auswertungszyklus“ und dann „Jetzt ausführen“.',
        'Starten Sie den Computer neu, wenn Sie dazu aufgefordert werden.',
        'Wenn es dann noch nicht klappt, wenden Sie sich an den Helpdesk.',
      ],
      other: ['Wenden Sie sich an den Helpdesk und zeigen Sie diese Meldung.'],
    }),
    after: AFTER,
  },
};
