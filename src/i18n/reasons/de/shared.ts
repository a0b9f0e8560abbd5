import type { PlatformSteps, ReasonContext } from '../types.js';
import { when } from '../types.js';
import { appendSteps, labelled, withOfflineTip } from '../step-helpers.js';

/* Bausteine, die mehrere deutsche Gruppen teilen: Schlusssätze, Offline-Hinweise, Werte-Schnipsel und Schritt-Helfer. */

export const AFTER = 'Wenn Sie fertig sind, tippen Sie auf „Erneut prüfen“. Die Aktualisierung kann einige Minuten dauern.';
export const AFTER_RECONNECT =
  'Wenn Sie fertig sind, verbinden Sie sich wieder mit diesem WLAN (falls Sie es verlassen haben) und tippen Sie auf „Erneut prüfen“. Die Aktualisierung kann einige Minuten dauern.';
export const AFTER_HELPDESK = 'Sobald der Helpdesk das Problem gelöst hat, tippen Sie auf „Erneut prüfen“.';
export const AFTER_RESTART = 'Tippen Sie nach dem Neustart auf „Erneut prüfen“. Die Aktualisierung kann einige Minuten dauern.';

export const OFFLINE_PHONE =
  'Dafür brauchen Sie Internet. Nutzen Sie vorübergehend mobile Daten oder ein anderes WLAN, oder fragen Sie den Helpdesk.';
const OFFLINE_COMPUTER =
  'Dafür brauchen Sie Internet. Nutzen Sie vorübergehend ein anderes Netz (zum Beispiel den Hotspot Ihres Handys), oder fragen Sie den Helpdesk.';
const OFFLINE_OTHER = 'Dafür brauchen Sie Internet. Nutzen Sie vorübergehend ein anderes Netz, oder fragen Sie den Helpdesk.';
export const HELPDESK_UNSURE = 'Wenn Sie unsicher sind, wenden Sie sich an den Helpdesk.';

/** " Bezeichnung: Wert." für den aktuellen Wert, falls bekannt. */
export function current(ctx: ReasonContext, label = 'Ihr Gerät meldet'): string {
  return labelled(ctx.currentValue, label);
}

/** " Bezeichnung: Wert." für den erwarteten Wert, falls bekannt. */
export function expected(ctx: ReasonContext, label = 'Erforderlich'): string {
  return labelled(ctx.expectedValue, label);
}

export function values(ctx: ReasonContext, currentLabel?: string, expectedLabel?: string): string {
  return current(ctx, currentLabel) + expected(ctx, expectedLabel);
}

export function detail(ctx: ReasonContext): string {
  return when(ctx.detail, (text) => ` Details: ${text}`);
}

export function withOffline(map: PlatformSteps): PlatformSteps {
  return withOfflineTip(map, { phone: OFFLINE_PHONE, computer: OFFLINE_COMPUTER, other: OFFLINE_OTHER });
}

export const append = appendSteps;

export const HELPDESK_ONLY: PlatformSteps = {
  other: ['Wenden Sie sich an den Helpdesk und zeigen Sie diese Meldung.'],
};
