/** Runs one open-loop measurement (argv[2]: JSON options) and prints the result as JSON; a separate process so it can be pinned. */
import { openLoop } from './open-loop-client.js';

const options = JSON.parse(process.argv[2]!) as { url: string; rate: number; seconds: number; headers: Record<string, string> };
process.stdout.write(JSON.stringify(await openLoop(options.url, options)));
