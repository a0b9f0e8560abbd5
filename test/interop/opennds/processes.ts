import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';

/**
 * Child processes of the lab, each logged to a file, each stopped by its own PID (never by
 * name), also when the test process exits early.
 */
export interface LabProcess {
  name: string;
  child: ChildProcess;
  logFile: string;
  /** Resolves once `pattern` appears in the output; rejects when the process exits first or after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<void>;
  /** Output so far. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Synchronous command; throws with its stderr when it fails (unless `allowFailure`). */
export function run(command: string, args: string[], options: { allowFailure?: boolean; input?: string } = {}): string {
  const result = spawnSync(command, args, { encoding: 'utf8', input: options.input, timeout: 30_000 });
  if (result.status !== 0 && !options.allowFailure) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.error?.message}`);
  }
  return result.stdout ?? '';
}

export function startProcess(name: string, command: string, args: string[], options: { env?: NodeJS.ProcessEnv; logFile: string }): LabProcess {
  const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const log = createWriteStream(options.logFile);
  let text = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    if (text.length > 4_000_000) text = text.slice(-2_000_000);
    log.write(chunk);
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child);
      log.end();
      for (const listener of listeners) listener();
      resolve();
    }),
  );
  return {
    name,
    child,
    logFile: options.logFile,
    output: () => text,
    waitFor(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pattern.test(text)) return finish(undefined);
          if (child.exitCode !== null || child.signalCode !== null)
            return finish(new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before ${pattern}; log: ${options.logFile}\n${text.slice(-3000)}`));
        };
        const timer = setTimeout(
          () => finish(new Error(`${name}: no ${pattern} within ${timeoutMs} ms; log: ${options.logFile}\n${text.slice(-3000)}`)),
          timeoutMs,
        );
        const finish = (error: Error | undefined) => {
          clearTimeout(timer);
          listeners.delete(check);
          if (error) reject(error);
          else resolve();
        };
        listeners.add(check);
        check();
      });
    },
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
