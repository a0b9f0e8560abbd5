import type { PlatformSteps, ReasonCatalogue } from '../types.js';
import { stepsFor } from '../types.js';
import { AFTER, append, current, values } from './shared.js';

/* Code und Bildschirmsperre. */

const PASSCODE_SET: PlatformSteps = {
  iOS: [
    'Öffnen Sie Einstellungen → Face ID & Code (oder Touch ID & Code).',
    'Tippen Sie auf „Code aktivieren“ und wählen Sie einen Code.',
  ],
  Android: [
    'Öffnen Sie Einstellungen → Sicherheit → Displaysperre. Der Name hängt vom Hersteller ab, zum Beispiel „Sicherheit & Datenschutz → Geräteentsperrung“ oder „Sperrbildschirm“.',
    'Wählen Sie „PIN“ oder „Passwort“ und legen Sie es fest.',
  ],
  Windows: [
    'Öffnen Sie Einstellungen → Konten → Anmeldeoptionen.',
    'Wählen Sie unter „Kennwort“ die Option „Hinzufügen“ und legen Sie ein Kennwort fest.',
  ],
  macOS: [
    'Öffnen Sie Systemeinstellungen → Sperrbildschirm.',
    'Stellen Sie „Passwort erforderlich nach Beginn des Bildschirmschoners oder Ausschalten des Displays“ auf „Sofort“.',
    'Wenn Ihr Benutzerkonto kein Passwort hat, legen Sie eines fest unter Systemeinstellungen → Benutzer:innen & Gruppen.',
  ],
  Linux: [
    'Öffnen Sie Einstellungen → Benutzer und legen Sie ein Passwort für Ihr Konto fest.',
    'Schalten Sie unter Einstellungen → Datenschutz → Bildschirmsperre die automatische Bildschirmsperre ein.',
  ],
  other: [
    'Öffnen Sie die Einstellungen Ihres Geräts.',
    'Schalten Sie eine Bildschirmsperre mit PIN oder Passwort ein.',
  ],
};

const PASSCODE_CHANGE: PlatformSteps = {
  iOS: [
    'Öffnen Sie Einstellungen → Face ID & Code (oder Touch ID & Code).',
    'Tippen Sie auf „Code ändern“.',
    'Tippen Sie auf „Codeoptionen“, um einen längeren Code oder einen Code mit Buchstaben und Zahlen zu wählen.',
  ],
  Android: [
    'Öffnen Sie Einstellungen → Sicherheit → Displaysperre. Der Name hängt vom Hersteller ab.',
    'Geben Sie Ihre aktuelle Sperre ein und legen Sie eine neue PIN oder ein neues Passwort fest.',
  ],
  Windows: [
    'Öffnen Sie Einstellungen → Konten → Anmeldeoptionen.',
    'Wählen Sie unter „Kennwort“ die Option „Ändern“. Für eine PIN: PIN → „PIN ändern“.',
  ],
  macOS: [
    'Öffnen Sie Systemeinstellungen → Benutzer:innen & Gruppen.',
    'Klicken Sie neben Ihrem Namen auf (i) und dann auf „Passwort ändern“.',
  ],
  Linux: ['Öffnen Sie Einstellungen → Benutzer.', 'Wählen Sie Ihr Konto und ändern Sie das Passwort.'],
  other: ['Öffnen Sie die Einstellungen Ihres Geräts.', 'Ändern Sie Ihre PIN oder Ihr Passwort.'],
};

const SCREEN_LOCK: PlatformSteps = {
  iOS: ['Öffnen Sie Einstellungen → Anzeige & Helligkeit → Automatische Sperre.', 'Wählen Sie eine kürzere Zeit.'],
  Android: [
    'Öffnen Sie Einstellungen → Display → Bildschirm-Timeout. (Auf manchen Handys heißt es „Ruhezustand“ oder „Display-Zeitlimit“.)',
    'Wählen Sie eine kürzere Zeit.',
  ],
  Windows: [
    'Öffnen Sie Einstellungen → System → Netzbetrieb & Akku → Bildschirm und Energiesparmodus. (Unter Windows 10: Einstellungen → System → Netzbetrieb und Energiesparen.)',
    'Wählen Sie kürzere Zeiten.',
    'Sorgen Sie unter Einstellungen → Konten → Anmeldeoptionen dafür, dass Windows nach dem Aufwachen wieder nach der Anmeldung fragt.',
  ],
  macOS: [
    'Öffnen Sie Systemeinstellungen → Sperrbildschirm.',
    'Wählen Sie eine kürzere Zeit, bis das Display ausgeschaltet wird.',
    'Stellen Sie „Passwort erforderlich nach Beginn des Bildschirmschoners oder Ausschalten des Displays“ auf „Sofort“.',
  ],
  Linux: [
    'Öffnen Sie Einstellungen → Datenschutz → Bildschirmsperre.',
    'Wählen Sie eine kürzere Zeit und schalten Sie die automatische Bildschirmsperre ein.',
  ],
  other: [
    'Öffnen Sie die Display- oder Sperrbildschirm-Einstellungen Ihres Geräts.',
    'Wählen Sie eine kürzere Zeit, bis der Bildschirm gesperrt wird.',
  ],
};

export const passcode: Pick<
  ReasonCatalogue,
  | 'PASSCODE_REQUIRED'
  | 'PASSCODE_WEAK'
  | 'PASSCODE_EXPIRED_OR_REUSED'
  | 'SCREEN_LOCK_TIMEOUT'
> = {
  PASSCODE_REQUIRED: {
    title: 'Bildschirmsperre einrichten',
    problem: (ctx) => `Ihr Gerät lässt sich ohne Code entsperren.${current(ctx)}`,
    why: 'Ein Code schützt Ihre Arbeitsdaten, wenn das Gerät verloren geht oder gestohlen wird.',
    steps: stepsFor(PASSCODE_SET),
    after: AFTER,
  },

  PASSCODE_WEAK: {
    title: 'Sichereren Code wählen',
    problem: (ctx) => `Ihr Code erfüllt die Regeln nicht.${values(ctx, 'Aktuell', 'Erforderlich')}`,
    why: 'Einfache Codes sind leicht zu erraten.',
    steps: stepsFor(append(PASSCODE_CHANGE, 'Vermeiden Sie einfache Codes wie 1234 oder 1111. Länger ist sicherer.')),
    after: AFTER,
  },

  PASSCODE_EXPIRED_OR_REUSED: {
    title: 'Code ändern',
    problem: (ctx) => `Ihr Code ist zu alt oder wurde schon einmal verwendet.${values(ctx)}`,
    why: 'Regelmäßiges Ändern begrenzt den Schaden, falls jemand Ihren Code gesehen hat.',
    steps: stepsFor(append(PASSCODE_CHANGE, 'Wählen Sie einen Code, den Sie noch nicht verwendet haben.')),
    after: AFTER,
  },

  SCREEN_LOCK_TIMEOUT: {
    title: 'Bildschirm früher sperren',
    problem: (ctx) => `Ihr Bildschirm bleibt zu lange entsperrt, wenn Sie das Gerät nicht benutzen.${values(ctx, 'Aktuell', 'Erlaubt')}`,
    why: 'Wenn Sie Ihr Gerät liegen lassen, sollte es sich schnell selbst sperren.',
    steps: stepsFor(SCREEN_LOCK),
    after: AFTER,
  },
};
