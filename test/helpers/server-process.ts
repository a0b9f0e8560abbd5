import { spawn, type ChildProcess } from 'node:child_process';

/** One pino line of the server's stdout (level 30 info, 40 warn, 50 error). */
export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** The real entry point (`src/server.ts`) in a child process, with its log lines as they come. */
export interface ServerProcess {
  child: ChildProcess;
  /** Every stdout line so far (JSON log lines parsed; other lines as `{ level: 0, msg }`). */
  readonly lines: LogLine[];
  readonly stderr: () => string;
  /** Resolves with the first line (seen before or later) that matches; rejects if the process exits first. */
  waitForLine(matches: (line: LogLine) => boolean, what: string): Promise<LogLine>;
  /** The exit code (null when killed by a signal) once the process has ended. */
  readonly exited: Promise<number | null>;
  /** SIGKILL if it is still running, and wait for the end. */
  kill(): Promise<void>;
}

/**
 * Runs `node --import tsx src/server.ts` with `process.env` plus `env`. Nothing here waits
 * for a fixed time: callers wait for a log line or for the exit.
 */
export function startServerProcess(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: LogLine[] = [];
  const waiters = new Set<() => void>();
  let stderr = '';
  let pending = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const complete = pending.split('\n');
    pending = complete.pop()!;
    for (const text of complete.filter(Boolean)) {
      try {
        lines.push(JSON.parse(text) as LogLine);
      } catch {
        lines.push({ level: 0, msg: text });
      }
    }
    for (const wake of waiters) wake();
  });
  let ended = false;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      ended = true;
      for (const wake of waiters) wake();
      resolve(code);
    }),
  );
  return {
    child,
    lines,
    stderr: () => stderr,
    exited,
    waitForLine(matches, what) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = lines.find(matches);
          if (found) {
            waiters.delete(check);
            resolve(found);
          } else if (ended) {
            waiters.delete(check);
            reject(new Error(`the server exited (code ${child.exitCode}) before ${what}\n${stderr}\n${lines.map((l) => l.msg).join('\n')}`));
          }
        };
        waiters.add(check);
        check();
      });
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
