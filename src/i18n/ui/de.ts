import type { UiStrings } from './en.js';

/** Deutsche UI-Texte (Sie-Form). Gleiche Schlüssel wie Englisch, vom Typ erzwungen. */
export const de: UiStrings = {
  'page.lang': 'de',
  'site.name': 'Netzwerk-Anmeldung',
  'skipLink': 'Zum Inhalt springen',
  'language.label': 'Sprache',
  'language.en': 'English',
  'language.de': 'Deutsch',
  'signedInAs': 'Angemeldet als {user}',
  'device': 'Gerät: {device}',
  'graceDeadline': 'Sie können das Netz bis {deadline} nutzen. Bitte beheben Sie die Punkte unten bis dahin.',
  'helpdesk': 'Brauchen Sie Hilfe? Wenden Sie sich an Ihren Helpdesk.',
  'signOut': 'Abmelden',
  'signInOther': 'Mit einem anderen Konto anmelden',
  'checkAgain': 'Erneut prüfen',

  'landing.title': 'Melden Sie sich an, um ins Netz zu kommen',
  'landing.body':
    'Dieses Netz ist für Geräte, die Ihre Organisation verwaltet. Melden Sie sich mit Ihrem Arbeitskonto an, dann prüfen wir, ob Ihr Gerät bereit ist.',
  'landing.button': 'Anmelden',

  'checking.title': 'Ihr Gerät wird geprüft …',
  'checking.body': 'Diese Seite aktualisiert sich von selbst.',
  'checking.slow': 'Wenn innerhalb einer Minute nichts passiert, tippen Sie auf „Erneut prüfen“.',

  'allowed.title': 'Sie sind verbunden',
  'allowed.body': 'Sie werden zurück ins Netz geleitet …',
  'allowed.continue': 'Weiter',

  'blocked.title': 'Ihr Gerät kann noch nicht ins Netz',
  'blocked.body': 'Beheben Sie die Punkte unten und tippen Sie dann auf „Erneut prüfen“.',
  'blocked.checkAgain': 'Erneut prüfen',
  'blocked.problem': 'Was nicht stimmt',
  'blocked.why': 'Warum das wichtig ist',
  'blocked.steps': 'So beheben Sie es',
  'blocked.after': 'Danach',
  'blocked.stale':
    'Wir konnten kein aktuelles Ergebnis abrufen. Dies ist das letzte bekannte Ergebnis und ist vielleicht nicht mehr aktuell.',

  'notEnrolled.title': 'Richten Sie zuerst Ihr Gerät ein',
  'notEnrolled.body':
    'Dieses Gerät ist noch nicht für die Arbeit eingerichtet. Folgen Sie den Schritten unten und tippen Sie dann auf „Erneut prüfen“.',

  'randomizedMac.title': 'Private WLAN-Adresse ausschalten',
  'randomizedMac.body': 'Ihr Gerät hat sich mit einer privaten (wechselnden) Netzwerkadresse verbunden, daher können wir es nicht erkennen. Folgen Sie den Schritten unten, verbinden Sie sich neu und tippen Sie dann auf „Erneut prüfen“.',

  'summary.title': 'Zu erledigen',

  'notYours.title': 'Dieses Gerät gehört einer anderen Person',
  'notYours.body':
    'Dieses Gerät ist für eine andere Person registriert. Melden Sie sich mit dem Konto an, dem es gehört, oder wenden Sie sich an Ihren Helpdesk.',

  'linkInvalid.title': 'Dieser Link ist abgelaufen',
  'linkInvalid.body': 'Dieser Link ist abgelaufen. Verbinden Sie sich erneut mit dem WLAN, um einen neuen zu bekommen.',

  'unavailable.title': 'Bitte versuchen Sie es gleich noch einmal',
  'unavailable.body': 'Wir können Ihr Gerät gerade nicht prüfen. Versuchen Sie es in einer Minute noch einmal.',
  'unavailable.retry': 'Noch einmal versuchen',

  'tooMany.title': 'Bitte etwas langsamer',
  'tooMany.body': 'Von diesem Gerät oder Netzwerk kamen in kurzer Zeit zu viele Anfragen. Warten Sie eine Minute und versuchen Sie es dann noch einmal.',
  'signInUnavailable.title': 'Anmeldedienst nicht erreichbar',
  'signInUnavailable.body': 'Der Anmeldedienst antwortet gerade nicht. Das liegt nicht an Ihrem Konto. Versuchen Sie es in einer Minute noch einmal.',

  'error.title': 'Etwas ist schiefgelaufen',
  'error.body':
    'Leider ist bei uns etwas schiefgelaufen. Verbinden Sie sich erneut mit dem WLAN und versuchen Sie es noch einmal. Wenn das öfter passiert, wenden Sie sich an Ihren Helpdesk.',
  'error.formExpired': 'Dieses Formular ist abgelaufen. Gehen Sie zurück, laden Sie die Seite neu und versuchen Sie es erneut.',
  'error.otherUser': 'Für diese Verbindung hat sich bereits jemand anderes angemeldet. Verbinden Sie sich neu mit dem WLAN, um neu zu beginnen.',
  'error.signInFailed': 'Die Anmeldung wurde nicht abgeschlossen. Gehen Sie zurück zum Portal und melden Sie sich erneut an.',
  'error.certificate': 'Das Zertifikat Ihres Geräts konnte nicht geprüft werden. Wenden Sie sich an Ihren Helpdesk.',
  'error.reference': 'Referenz: {id}',
};
