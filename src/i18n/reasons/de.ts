import type { PlatformSteps, ReasonCatalogue, ReasonContext } from './types.js';
import { stepsFor, when } from './types.js';

/*
 * Deutsche Texte (Sie-Form). Menünamen folgen den deutschen Oberflächen der Systeme.
 * Reiner Text; Werte aus dem Kontext sind nicht vertrauenswürdig und werden nur eingesetzt.
 */

// ---------------------------------------------------------------------------------------
// Gemeinsame Bausteine

const AFTER = 'Wenn Sie fertig sind, tippen Sie auf „Erneut prüfen“. Die Aktualisierung kann einige Minuten dauern.';
const AFTER_RECONNECT =
  'Wenn Sie fertig sind, verbinden Sie sich wieder mit diesem WLAN (falls Sie es verlassen haben) und tippen Sie auf „Erneut prüfen“. Die Aktualisierung kann einige Minuten dauern.';
const AFTER_HELPDESK = 'Sobald der Helpdesk das Problem gelöst hat, tippen Sie auf „Erneut prüfen“.';
const AFTER_RESTART = 'Tippen Sie nach dem Neustart auf „Erneut prüfen“. Die Aktualisierung kann einige Minuten dauern.';

const OFFLINE_PHONE =
  'Dafür brauchen Sie Internet. Nutzen Sie vorübergehend mobile Daten oder ein anderes WLAN, oder fragen Sie den Helpdesk.';
const OFFLINE_COMPUTER =
  'Dafür brauchen Sie Internet. Nutzen Sie vorübergehend ein anderes Netz (zum Beispiel den Hotspot Ihres Handys), oder fragen Sie den Helpdesk.';
const OFFLINE_OTHER = 'Dafür brauchen Sie Internet. Nutzen Sie vorübergehend ein anderes Netz, oder fragen Sie den Helpdesk.';
const HELPDESK_UNSURE = 'Wenn Sie unsicher sind, wenden Sie sich an den Helpdesk.';

/** Nennt den Gerätenamen dort, wo er hilft (Besitz, Einrichtung, Entfernung). */
function deviceLabel(ctx: ReasonContext): string {
  return when(ctx.deviceName, (name) => `Ihr Gerät „${name}“`, 'Ihr Gerät');
}

/** " Bezeichnung: Wert." für den aktuellen Wert, falls bekannt. */
function current(ctx: ReasonContext, label = 'Ihr Gerät meldet'): string {
  return when(ctx.currentValue, (value) => ` ${label}: ${value}.`);
}

/** " Bezeichnung: Wert." für den erwarteten Wert, falls bekannt. */
function expected(ctx: ReasonContext, label = 'Erforderlich'): string {
  return when(ctx.expectedValue, (value) => ` ${label}: ${value}.`);
}

function values(ctx: ReasonContext, currentLabel?: string, expectedLabel?: string): string {
  return current(ctx, currentLabel) + expected(ctx, expectedLabel);
}

function detail(ctx: ReasonContext): string {
  return when(ctx.detail, (text) => ` Details: ${text}`);
}

function withOffline(map: PlatformSteps): PlatformSteps {
  const result: PlatformSteps = { other: [OFFLINE_OTHER, ...map.other] };
  for (const platform of ['iOS', 'Android', 'Windows', 'macOS', 'Linux'] as const) {
    const steps = map[platform];
    if (!steps) continue;
    const tip = platform === 'iOS' || platform === 'Android' ? OFFLINE_PHONE : OFFLINE_COMPUTER;
    result[platform] = [tip, ...steps];
  }
  return result;
}

function append(map: PlatformSteps, ...extra: string[]): PlatformSteps {
  const result: PlatformSteps = { other: [...map.other, ...extra] };
  for (const platform of ['iOS', 'Android', 'Windows', 'macOS', 'Linux'] as const) {
    const steps = map[platform];
    if (steps) result[platform] = [...steps, ...extra];
  }
  return result;
}

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

const BITLOCKER_WINDOWS = [
  'Öffnen Sie Einstellungen → Datenschutz und Sicherheit → Geräteverschlüsselung und schalten Sie sie ein. Falls Sie das nicht sehen: Systemsteuerung → System und Sicherheit → BitLocker-Laufwerkverschlüsselung → BitLocker aktivieren.',
  'Speichern Sie den Wiederherstellungsschlüssel wie angegeben und warten Sie, bis die Verschlüsselung fertig ist.',
  'Starten Sie den Computer neu. BitLocker wird nur beim Start des Computers geprüft, deshalb ist dieser Neustart nötig.',
];

const ENCRYPTION: PlatformSteps = {
  iOS: [
    'iPhone und iPad verschlüsseln Ihre Daten von selbst, sobald ein Code eingerichtet ist.',
    'Öffnen Sie Einstellungen → Face ID & Code (oder Touch ID & Code) und tippen Sie auf „Code aktivieren“.',
  ],
  Android: [
    'Die meisten Handys verschlüsseln Ihre Daten von selbst, sobald eine Displaysperre eingerichtet ist. Öffnen Sie Einstellungen → Sicherheit → Displaysperre und legen Sie eine PIN oder ein Passwort fest.',
    'Auf älteren Handys öffnen Sie zusätzlich Einstellungen → Sicherheit → Telefon verschlüsseln. Lassen Sie das Handy dabei am Ladegerät: Das kann eine Stunde dauern.',
  ],
  Windows: BITLOCKER_WINDOWS,
  macOS: [
    'Öffnen Sie Systemeinstellungen → Datenschutz & Sicherheit → FileVault.',
    'Klicken Sie auf „Einschalten“ und folgen Sie den Schritten. Bewahren Sie den Wiederherstellungsschlüssel sicher auf.',
    'Lassen Sie den Mac am Strom, bis die Verschlüsselung fertig ist.',
  ],
  Linux: [
    'Die Festplattenverschlüsselung wird meist bei der Installation des Systems gewählt.',
    'Wenden Sie sich dafür an den Helpdesk.',
  ],
  other: ['Öffnen Sie die Sicherheitseinstellungen Ihres Geräts und schalten Sie die Verschlüsselung ein.', HELPDESK_UNSURE],
};

const HELPDESK_ONLY: PlatformSteps = {
  other: ['Wenden Sie sich an den Helpdesk und zeigen Sie diese Meldung.'],
};

const FIRMWARE_WINDOWS_INTRO =
  'Das wird in den Starteinstellungen des Computers (UEFI oder BIOS) geändert. Wenn Sie unsicher sind, fragen Sie zuerst den Helpdesk.';
const FIRMWARE_WINDOWS_OPEN = [
  'Öffnen Sie Einstellungen → System → Wiederherstellung und wählen Sie neben „Erweiterter Start“ die Option „Jetzt neu starten“. (Unter Windows 10: Einstellungen → Update und Sicherheit → Wiederherstellung.)',
  'Wählen Sie Problembehandlung → Erweiterte Optionen → UEFI-Firmwareeinstellungen → Neu starten.',
];

const THREAT_WINDOWS = [
  'Öffnen Sie Windows-Sicherheit → Viren- & Bedrohungsschutz.',
  'Wählen Sie „Schnellüberprüfung“. Wenn Bedrohungen gefunden werden, wählen Sie „Entfernen“ oder „Quarantäne“.',
  'Installieren Sie alle Updates unter Einstellungen → Windows Update.',
  'Wenn die Warnung bleibt, wenden Sie sich an den Helpdesk.',
];

const ANDROID_DEVELOPER_OPTIONS =
  'Öffnen Sie Einstellungen → System → Entwickleroptionen. (Auf manchen Handys: Einstellungen → Entwickleroptionen.)';

// ---------------------------------------------------------------------------------------

export const de: ReasonCatalogue = {
  NOT_ENROLLED: {
    title: 'Gerät für die Arbeit einrichten',
    problem: (ctx) => `${deviceLabel(ctx)} ist noch nicht bei Ihrer Organisation eingerichtet.${current(ctx)}`,
    why: 'Nur Geräte, die Ihre Organisation verwaltet, dürfen in dieses Netz – so bleiben die Daten aller geschützt.',
    steps: stepsFor({
      iOS: [
        'Hier haben Sie noch kein Internet. Nutzen Sie für die nächsten Schritte mobile Daten, oder fragen Sie den Helpdesk.',
        'Öffnen Sie den App Store und installieren Sie „Intune-Unternehmensportal“.',
        'Öffnen Sie das Unternehmensportal, melden Sie sich mit Ihrem Arbeitskonto an und folgen Sie den Schritten.',
        'Wenn Sie dazu aufgefordert werden, öffnen Sie die Einstellungen und installieren Sie das geladene Profil. (Suchen Sie nach „Profil geladen“ oder unter Allgemein → VPN und Geräteverwaltung.)',
      ],
      Android: [
        'Hier haben Sie noch kein Internet. Nutzen Sie für die nächsten Schritte mobile Daten, oder fragen Sie den Helpdesk.',
        'Öffnen Sie den Play Store und installieren Sie „Intune-Unternehmensportal“.',
        'Öffnen Sie das Unternehmensportal, melden Sie sich mit Ihrem Arbeitskonto an und folgen Sie den Schritten.',
      ],
      Windows: [
        'Hier haben Sie noch kein Internet. Nutzen Sie für die nächsten Schritte ein anderes Netz (zum Beispiel den Hotspot Ihres Handys), oder fragen Sie den Helpdesk.',
        'Öffnen Sie Einstellungen → Konten → Auf Arbeits- oder Schulkonto zugreifen.',
        'Wählen Sie „Verbinden“ und melden Sie sich mit Ihrem Arbeitskonto an.',
        'Folgen Sie den Schritten und starten Sie neu, wenn Sie dazu aufgefordert werden.',
      ],
      macOS: [
        'Hier haben Sie noch kein Internet. Nutzen Sie für die nächsten Schritte ein anderes Netz (zum Beispiel den Hotspot Ihres Handys), oder fragen Sie den Helpdesk.',
        'Laden Sie die App „Unternehmensportal“ (Company Portal) von Microsoft herunter und installieren Sie sie.',
        'Öffnen Sie das Unternehmensportal, melden Sie sich mit Ihrem Arbeitskonto an und folgen Sie den Schritten.',
        'Wenn Sie dazu aufgefordert werden, erlauben Sie das Verwaltungsprofil in den Systemeinstellungen.',
      ],
      Linux: [
        'Hier haben Sie noch kein Internet. Nutzen Sie für die nächsten Schritte ein anderes Netz, oder fragen Sie den Helpdesk.',
        'Installieren Sie die App „Microsoft Intune“ aus dem Paketarchiv von Microsoft.',
        'Öffnen Sie die Intune-App, melden Sie sich mit Ihrem Arbeitskonto an und folgen Sie den Schritten.',
      ],
      other: [
        'Fragen Sie den Helpdesk, wie Sie dieses Gerät für die Arbeit einrichten.',
        'Diese Art von Gerät wird in diesem Netz möglicherweise nicht unterstützt.',
      ],
    }),
    after:
      'Wenn die Einrichtung fertig ist, verbinden Sie sich wieder mit diesem WLAN und tippen Sie auf „Erneut prüfen“. Bei einem neuen Gerät kann es einige Minuten dauern, bis es erkannt wird.',
  },

  NOT_YOURS: {
    title: 'Dieses Gerät ist für eine andere Person registriert',
    problem: (ctx) => `${deviceLabel(ctx)} ist für eine andere Person registriert als die angemeldete.${current(ctx)}`,
    why: 'Jedes Gerät gehört zu genau einer Person, damit wir wissen, wer das Netz nutzt.',
    steps: stepsFor({
      other: [
        'Wenn Sie sich mit dem falschen Konto angemeldet haben, melden Sie sich ab und mit dem Konto an, dem dieses Gerät gehört.',
        'Wenn das Gerät jetzt Ihnen gehört, bitten Sie den Helpdesk, es auf Ihren Namen umzuschreiben.',
      ],
    }),
    after:
      'Wenn Sie mit dem richtigen Konto angemeldet sind oder der Helpdesk das Gerät umgeschrieben hat, tippen Sie auf „Erneut prüfen“.',
  },

  DEVICE_AMBIGUOUS: {
    title: 'Wir können das Gerät nicht eindeutig erkennen',
    problem: (ctx) =>
      `Zwei registrierte Geräte haben dieselbe Netzwerkadresse. Deshalb wissen wir nicht, welches Sie gerade nutzen.${current(ctx, 'Netzwerkadresse')}${detail(ctx)}`,
    why: 'Wir müssen das genaue Gerät kennen, um zu prüfen, ob es sicher ist.',
    steps: stepsFor({
      other: [
        'Wenden Sie sich an den Helpdesk und sagen Sie, dass sich zwei Geräte eine Netzwerkadresse teilen.',
        'Nennen Sie den Namen Ihres Geräts, damit der doppelte Eintrag korrigiert werden kann.',
      ],
    }),
    after: AFTER_HELPDESK,
  },

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

  ENROLLED_USER_MISSING: {
    title: 'Das Konto, mit dem das Gerät eingerichtet wurde, gibt es nicht mehr',
    problem: (ctx) => `Die Person, die dieses Gerät eingerichtet hat, hat kein Konto mehr.${current(ctx)}`,
    why: 'Jedes Gerät muss zu einem aktuellen Konto gehören.',
    steps: stepsFor({
      other: [
        'Wenden Sie sich an den Helpdesk.',
        'Eventuell müssen Sie das Gerät mit Ihrem eigenen Konto neu einrichten.',
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

  DEVICE_RETIRING: {
    title: 'Dieses Gerät wird entfernt',
    problem: (ctx) => `${deviceLabel(ctx)} soll aus der Verwaltung Ihrer Organisation entfernt werden.${current(ctx)}`,
    why: 'Ein Gerät, das entfernt wird, darf das Arbeitsnetz nicht mehr nutzen.',
    steps: stepsFor({
      other: [
        'Wenn Sie das nicht erwartet haben, wenden Sie sich sofort an den Helpdesk, bevor Sie etwas anderes tun.',
        'Wenn Sie das Gerät weiter für die Arbeit nutzen möchten, bitten Sie den Helpdesk, es neu einzurichten.',
      ],
    }),
    after: AFTER_HELPDESK,
  },

  RANDOMIZED_MAC: {
    title: 'Private Adresse für dieses WLAN ausschalten',
    problem: (ctx) =>
      `Ihr Gerät nutzt in diesem Netz eine private WLAN-Adresse. Deshalb können wir es nicht erkennen.${current(ctx, 'Verwendete Adresse')}`,
    why: 'Wir erkennen Geräte an ihrer WLAN-Adresse, und eine private Adresse ändert sich immer wieder.',
    steps: stepsFor({
      iOS: [
        'Öffnen Sie Einstellungen → WLAN.',
        'Tippen Sie neben diesem Netz auf (i).',
        'Schalten Sie „Private WLAN-Adresse“ aus (oder stellen Sie sie auf „Aus“).',
        'Tippen Sie auf „Erneut verbinden“, falls gefragt.',
      ],
      Android: [
        'Öffnen Sie Einstellungen → Netzwerk & Internet → WLAN. Die Namen hängen vom Hersteller ab.',
        'Tippen Sie auf das Zahnrad oder den Pfeil neben diesem Netz.',
        'Tippen Sie auf „Datenschutz“ (eventuell unter „Erweitert“) und wählen Sie „Geräte-MAC-Adresse verwenden“.',
        'Verbinden Sie sich erneut mit diesem Netz.',
      ],
      Windows: [
        'Öffnen Sie Einstellungen → Netzwerk und Internet → WLAN.',
        'Öffnen Sie die Eigenschaften dieses Netzes.',
        'Stellen Sie „Zufällige Hardwareadressen“ auf „Aus“.',
        'Trennen Sie die WLAN-Verbindung und verbinden Sie sich erneut.',
      ],
      macOS: [
        'Öffnen Sie Systemeinstellungen → WLAN.',
        'Klicken Sie neben diesem Netz auf „Details“.',
        'Stellen Sie „Private WLAN-Adresse“ auf „Aus“ und klicken Sie auf „OK“.',
        'Verbinden Sie sich erneut mit diesem Netz.',
      ],
      other: [
        'Öffnen Sie die WLAN-Einstellungen Ihres Geräts für dieses Netz.',
        'Schalten Sie die Option für eine private oder zufällige Adresse aus.',
        'Verbinden Sie sich erneut mit diesem Netz.',
      ],
    }),
    after: 'Nach dem erneuten Verbinden öffnet sich diese Seite wieder. Falls nicht, tippen Sie auf „Erneut prüfen“.',
  },

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

  ENCRYPTION_REQUIRED: {
    title: 'Verschlüsselung einschalten',
    problem: (ctx) => `Der Speicher Ihres Geräts ist nicht verschlüsselt.${current(ctx)}`,
    why: 'Verschlüsselung macht Ihre Daten unlesbar, wenn das Gerät verloren geht oder gestohlen wird.',
    steps: stepsFor(ENCRYPTION),
    after: AFTER,
  },

  BITLOCKER_REQUIRED: {
    title: 'BitLocker einschalten',
    problem: (ctx) => `Die BitLocker-Laufwerkverschlüsselung ist nicht eingeschaltet.${current(ctx)}`,
    why: 'Verschlüsselung macht Ihre Daten unlesbar, wenn der Computer verloren geht oder gestohlen wird.',
    steps: stepsFor({ ...ENCRYPTION, Windows: BITLOCKER_WINDOWS }),
    after: AFTER_RESTART,
  },

  SECURE_BOOT_REQUIRED: {
    title: 'Sicheren Start (Secure Boot) einschalten',
    problem: (ctx) => `Secure Boot ist auf diesem Computer ausgeschaltet.${current(ctx)}`,
    why: 'Secure Boot verhindert, dass beim Start des Computers Schadsoftware geladen wird.',
    steps: stepsFor({
      Windows: [
        FIRMWARE_WINDOWS_INTRO,
        ...FIRMWARE_WINDOWS_OPEN,
        'Suchen Sie „Secure Boot“ (oft unter „Security“ oder „Boot“), stellen Sie es auf „Enabled“, speichern Sie und beenden Sie das Menü.',
      ],
      other: HELPDESK_ONLY.other,
    }),
    after: AFTER_RESTART,
  },

  CODE_INTEGRITY_REQUIRED: {
    title: 'Codeintegrität einschalten',
    problem: (ctx) => `Die Codeintegritätsprüfung von Windows ist ausgeschaltet.${current(ctx)}`,
    why: 'Sie verhindert, dass Windows manipulierte Treiber und Systemdateien lädt.',
    steps: stepsFor({
      Windows: [
        'Dafür brauchen Sie meist Ihr IT-Team. Wenden Sie sich an den Helpdesk.',
        'Wenn Sie Starteinstellungen geändert haben (etwa den Testmodus oder die Prüfung der Treibersignatur), machen Sie das rückgängig und starten Sie neu.',
      ],
      other: HELPDESK_ONLY.other,
    }),
    after: AFTER_RESTART,
  },

  TPM_REQUIRED: {
    title: 'Sicherheitschip (TPM) erforderlich',
    problem: (ctx) => `Wir haben in diesem Computer keinen funktionierenden Sicherheitschip (TPM) gefunden.${current(ctx)}`,
    why: 'Der Chip schützt Verschlüsselungsschlüssel und zeigt, dass der Computer nicht manipuliert wurde.',
    steps: stepsFor({
      Windows: [
        'Öffnen Sie Windows-Sicherheit → Gerätesicherheit. Wenn Sie „Sicherheitsprozessor“ sehen, ist der Chip eingeschaltet.',
        'Wenn nicht, ist er vielleicht in den Starteinstellungen (UEFI oder BIOS) ausgeschaltet. Wenn Sie unsicher sind, fragen Sie zuerst den Helpdesk.',
        ...FIRMWARE_WINDOWS_OPEN,
        'Schalten Sie „TPM“ ein (es heißt eventuell „PTT“ oder „fTPM“), speichern Sie und beenden Sie das Menü.',
      ],
      other: HELPDESK_ONLY.other,
    }),
    after: AFTER_RESTART,
  },

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
