// Runs inside a network namespace (ip netns exec <ns> node ns-relay.mjs <socket-path>).
// Each connection to the unix socket starts with one line "host:port\n"; the relay then
// opens that TCP connection from inside the namespace and pipes both ways. Lets a test
// process in the host namespace speak node:http as a client sitting in the namespace.
import { Buffer } from 'node:buffer';
import { createConnection, createServer } from 'node:net';

const path = process.argv[2];
const server = createServer((local) => {
  let head = Buffer.alloc(0);
  const onData = (chunk) => {
    head = Buffer.concat([head, chunk]);
    const newline = head.indexOf(10);
    if (newline < 0) {
      if (head.length > 300) local.destroy();
      return;
    }
    local.off('data', onData);
    local.pause();
    const [host, port] = head.subarray(0, newline).toString().split(':');
    const remote = createConnection({ host, port: Number(port) }, () => {
      if (head.length > newline + 1) remote.write(head.subarray(newline + 1));
      local.pipe(remote);
      remote.pipe(local);
      local.resume();
    });
    const close = () => {
      local.destroy();
      remote.destroy();
    };
    remote.on('error', close);
    local.on('error', close);
    remote.on('close', close);
    local.on('close', close);
  };
  local.on('data', onData);
});
server.listen(path, () => console.log('relay ready'));
process.on('SIGTERM', () => process.exit(0));
