import type { PlatformSteps, ReasonCatalogue } from '../types.js';
import { stepsFor } from '../types.js';
import { AFTER, AFTER_RESTART, HELPDESK_ONLY, HELPDESK_UNSURE, current } from './shared.js';

/* Speicherverschlüsselung und sicherer Start: BitLocker, FileVault, Secure Boot, Codeintegrität, TPM. */

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

const FIRMWARE_WINDOWS_INTRO =
  'Das wird in den Starteinstellungen des Computers (UEFI oder BIOS) geändert. Wenn Sie unsicher sind, fragen Sie zuerst den Helpdesk.';
const FIRMWARE_WINDOWS_OPEN = [
  'Öffnen Sie Einstellungen → System → Wiederherstellung und wählen Sie neben „Erweiterter Start“ die Option „Jetzt neu starten“. (Unter Windows 10: Einstellungen → Update und Sicherheit → Wiederherstellung.)',
  'Wählen Sie Problembehandlung → Erweiterte Optionen → UEFI-Firmwareeinstellungen → Neu starten.',
];

export const encryptionAndBoot: Pick<
  ReasonCatalogue,
  | 'ENCRYPTION_REQUIRED'
  | 'BITLOCKER_REQUIRED'
  | 'SECURE_BOOT_REQUIRED'
  | 'CODE_INTEGRITY_REQUIRED'
  | 'TPM_REQUIRED'
> = {
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
};
