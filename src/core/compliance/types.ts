import type { ReasonCode } from './reason-codes.js';

/**
 * Platforms we write remediation steps for. `other`: the backend reports a platform we have
 * no steps for. `unknown`: the backend reports no device at all (not enrolled, a private
 * address), so general steps are shown and say so. Never guessed from the browser.
 */
export type Platform = 'iOS' | 'Android' | 'Windows' | 'macOS' | 'Linux' | 'other' | 'unknown';

/**
 * Intune's compliance states. `conflict` and `configManager` are kept apart from `error`
 * internally because they have their own explanations; the polling API folds them.
 */
export type ComplianceState = 'compliant' | 'noncompliant' | 'inGracePeriod' | 'unknown' | 'error' | 'conflict' | 'configManager';

/** A managed device as both providers describe it (names follow Graph's managedDevice). */
export interface ManagedDevice {
  id: string;
  /** Entra object id (`oid`) of the primary user; empty when the device has none. */
  userId: string;
  userPrincipalName: string;
  deviceName: string;
  operatingSystem: string;
  osVersion: string;
  model: string;
  manufacturer: string;
  serialNumber: string;
  imei: string;
  meid: string;
  udid: string;
  /** 12 upper-case hex digits, or "" when unknown. */
  wiFiMacAddress: string;
  ethernetMacAddress: string;
  azureADDeviceId: string;
  managedDeviceOwnerType: 'company' | 'personal' | 'unknown';
  enrolledDateTime: string | null;
  lastSyncDateTime: string | null;
  complianceState: ComplianceState;
  complianceGracePeriodExpirationDateTime: string | null;
  managementState: string;
}

/**
 * What a policy requires of a setting, as a fact each language words itself ("17.0 or later",
 * "mindestens 6 Zeichen", "17.0 أو أحدث"): providers never write the sentence. Any provider
 * fills it where its policy states the required value (the local engine from its policy file,
 * Intune from the compliance policy's setting).
 */
export type Requirement =
  /** A version ("17.0", "10.0.22631") or an ISO date ("2024-01-01"): the device's must be this or later (`atLeast`) or earlier (`atMost`). Untrusted text. */
  | { comparison: 'atLeast' | 'atMost'; value: string }
  /** A whole number of `unit`s: at least or at most `count`. */
  | { comparison: 'atLeast' | 'atMost'; count: number; unit: RequirementUnit };

/** What a counted {@link Requirement} counts. */
export type RequirementUnit = 'characters' | 'minutes' | 'days';

/**
 * One reason a device is (or soon will be) blocked, with what we know about it. Facts only:
 * no field holds a sentence, so each language can word it (locales/*.json, reason.<CODE>.*).
 */
export interface Reason {
  code: ReasonCode;
  /** Setting as Graph names it (`Class.Property`), when the reason comes from a setting. */
  setting?: string;
  /** Admin-facing setting name, e.g. "Minimum OS version". Untrusted text. */
  settingName?: string;
  /** Name of the policy that demanded it. Untrusted text. */
  policyName?: string;
  /** The device's current value as the backend reports it, when known ("16.7", "6"): a value, never a sentence. Untrusted text. */
  currentValue?: string;
  /** What the policy requires, when it says ({@link Requirement}). */
  required?: Requirement;
  /** Free text from the backend, e.g. a custom compliance script's error (shown as is). Untrusted text. */
  detail?: string;
  /** Deadline for IN_GRACE_PERIOD (ISO 8601). */
  deadline?: string;
  /** When the device last checked in (ISO 8601), for STALE_CHECKIN. */
  lastCheckIn?: string;
}

/** The outcome of evaluating one device. */
export interface Evaluation {
  deviceId: string;
  complianceState: ComplianceState;
  reasons: Reason[];
  /** When the backend evaluated the device (ISO 8601). */
  evaluatedAt: string;
  /** True when a fresh evaluation could not decide and this is the last known state. */
  stale: boolean;
  /**
   * True when this is Vestibule's own remembered state standing in for an undecided
   * evaluation (the known-state rule). Shown to explain, never enough to allow.
   */
  recalled?: boolean;
  /** Grace-period deadline when complianceState is inGracePeriod. */
  graceDeadline?: string;
}

/** How the device to look up was identified: never by the user, always by a gateway or a certificate. */
export type DeviceRef = { by: 'id'; id: string } | { by: 'mac'; mac: string };

export type LookupResult = { kind: 'found'; device: ManagedDevice } | { kind: 'notFound' } | { kind: 'ambiguous'; deviceIds: string[] };

/** Longest `ListedDevice.position` a provider may issue (callers size their cursors on it). */
export const MAX_LISTING_POSITION_LENGTH = 2048;

/** One entry of a non-compliant listing. */
export interface ListedDevice {
  device: ManagedDevice;
  /**
   * Opaque, provider-defined place in the listing, right after `device`: printable ASCII
   * (0x21-0x7E), at most MAX_LISTING_POSITION_LENGTH characters. Only the provider that
   * issued it interprets it. Local: the device id. Intune: the Graph page and offset.
   */
  position: string;
}

/** Marker returned when an evaluation was started; kept in the access session so any instance can continue it. */
export interface EvaluationTicket {
  deviceId: string;
  /** When we asked the backend to re-evaluate (ISO 8601). */
  startedAt: string;
  /** True when a device sync was actually sent (false when rate-limited or not needed). */
  syncRequested: boolean;
  /**
   * True when the backend refused the sync as throttled: the result is read without one
   * and shown as possibly out of date.
   */
  syncThrottled?: boolean;
}

/**
 * What a snapshot can be looked up by: the identifiers Cisco's MDM API queries carry
 * (macaddress, guid, guidhn = host name, udid, imei, meid, serial, username). Values are compared as the
 * provider stores them: MAC 12 upper-case hex digits, id a lower-case GUID, the rest
 * trimmed and upper-cased (user names lower-cased) by the caller.
 */
export type SnapshotCriterion =
  { by: 'mac'; mac: string } | { by: 'id'; id: string } | { by: 'serialNumber' | 'imei' | 'meid' | 'udid' | 'userPrincipalName' | 'deviceName'; value: string };

/** Device facts partners such as Cisco ISE report; `undefined` when the backend does not say. */
export interface SnapshotFacts {
  encrypted?: boolean;
  passcodeSet?: boolean;
  jailBroken?: boolean;
  phoneNumber?: string;
}

/**
 * A device's last known compliance, readable from the store alone (no backend call), for
 * partners with a tight latency budget (Cisco ISE wants answers within 200 ms).
 */
export interface DeviceSnapshot {
  device: ManagedDevice;
  /** Reason codes and current values when known (empty when only the state is known). */
  reasons: Reason[];
  facts: SnapshotFacts;
  /** When this state was read from the backend or evaluated (ISO 8601): how fresh it is. */
  observedAt: string;
}

/** One entry of a snapshot listing; `position` follows the rules of {@link ListedDevice}. */
export interface ListedSnapshot {
  snapshot: DeviceSnapshot;
  position: string;
}

export type EvaluationProgress = { done: true; evaluation: Evaluation } | { done: false };

export interface ProviderHealth {
  ok: boolean;
  detail?: string;
}

/**
 * The contract every compliance backend implements. All methods throw
 * `ProviderUnavailableError` (src/compliance/errors.ts) when the backend cannot answer;
 * callers turn that into `pending`, never into `allow`.
 */
export interface ComplianceProvider {
  readonly name: 'local' | 'intune';
  /**
   * Finds a device by Intune device id or by MAC (12 upper-case hex digits). `options.signal`
   * may be a getter that makes the signal on first read (the partner APIs pass a
   * HangUpSignal, src/http/hang-up-signal.ts): read `options.signal` where it is needed and
   * do not copy the options object (a spread or `Object.assign` drops a prototype getter).
   */
  findDevice(ref: DeviceRef, options?: { readonly signal?: AbortSignal }): Promise<LookupResult>;
  /**
   * Asks the backend to re-evaluate the device now. Local: nothing to do. Intune: a
   * device sync, rate-limited per device across instances.
   */
  beginEvaluation(deviceId: string, options?: { signal?: AbortSignal }): Promise<EvaluationTicket>;
  /**
   * Reads the evaluation. `done: false` while the backend has not reported an evaluation
   * newer than the ticket and `deadline` (epoch ms) has not passed; once it has passed,
   * returns the last known evaluation with `stale: true`.
   */
  pollEvaluation(ticket: EvaluationTicket, options: { deadline: number; signal?: AbortSignal }): Promise<EvaluationProgress>;
  /**
   * Streams every non-compliant device in a stable, provider-defined order. Each entry
   * carries a `position`: passing it back as `resumeFrom` continues the listing right
   * after that device, without re-reading what came before, and still works when that
   * device has since become compliant or been removed. See {@link ListedDevice}.
   *
   * `resumeFrom` is untrusted input (it travels through API clients): a provider must
   * validate it and throw `InvalidListingPositionError` (src/compliance/errors.ts) for a
   * position it cannot use, on the first pull and before any backend call it would steer.
   * Backend failures still throw `ProviderUnavailableError`.
   */
  listNoncompliant(options?: { resumeFrom?: string; signal?: AbortSignal }): AsyncIterable<ListedDevice>;
  /**
   * The devices whose primary user is `userId` (Entra object id), at most `limit` (default
   * 50), in a stable order. May ask the backend; for people-facing pages, not for NAC.
   */
  listUserDevices(userId: string, options?: { limit?: number; signal?: AbortSignal }): Promise<ManagedDevice[]>;
  /**
   * Snapshots matching one identifier, from the store only (never waits on the backend);
   * at most `limit` (default 5). Local: the inventory evaluated now. Intune: the snapshot
   * the background listing and portal evaluations keep. Throws ProviderUnavailableError
   * when no snapshot has been built yet.
   */
  findSnapshots(criterion: SnapshotCriterion, options?: { limit?: number; signal?: AbortSignal }): Promise<DeviceSnapshot[]>;
  /**
   * Every device's snapshot in a stable order, from the store only; `resumeFrom` as in
   * listNoncompliant (validated, InvalidListingPositionError when unusable).
   */
  listSnapshots(options?: { resumeFrom?: string; signal?: AbortSignal }): AsyncIterable<ListedSnapshot>;
  /** Whether the backend answers. Never throws. */
  health(): Promise<ProviderHealth>;
}
