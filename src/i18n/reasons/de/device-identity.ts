import type { ReasonCatalogue, ReasonContext } from '../types.js';
import { stepsFor, when } from '../types.js';
import { AFTER_HELPDESK, current, detail } from './shared.js';

/* Wem das Gerät gehört und ob wir es erkennen: Registrierung, Besitz, Entfernung, WLAN-Adresse. */

/** Nennt den Gerätenamen dort, wo er hilft (Besitz, Einrichtung, Entfernung). */
function deviceLabel(ctx: ReasonContext): string {
  return when(ctx.deviceName, (name) => `Ihr Gerät „${name}“`, 'Ihr Gerät');
}

export const deviceIdentity: Pick<
  ReasonCatalogue,
  | 'NOT_ENROLLED'
  | 'NOT_YOURS'
  | 'DEVICE_AMBIGUOUS'
  | 'ENROLLED_USER_MISSING'
  | 'DEVICE_RETIRING'
  | 'RANDOMIZED_MAC'
> = {
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
};
