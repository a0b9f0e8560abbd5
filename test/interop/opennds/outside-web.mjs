// The "internet" for the openNDS lab: answers INTERNET-OK on every given address:port.
import { createServer } from 'node:http';

for (const target of process.argv.slice(2)) {
  const [host, port] = target.split(':');
  createServer((_req, res) => {
    res.setHeader('Content-Type', 'text/plain');
    res.setHeader('Connection', 'close');
    res.end('INTERNET-OK\n');
  }).listen(Number(port), host, () => console.log(`web ready ${target}`));
}
process.on('SIGTERM', () => process.exit(0));
