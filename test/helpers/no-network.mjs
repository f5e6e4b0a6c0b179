// Preload (node --import) that makes every way out of the process throw: attune must never open a
// network connection (drafts hold customers' private data). Loaded by test/privacy.test.ts.
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import dgram from 'node:dgram';
import dns from 'node:dns';
import http2 from 'node:http2';

const blocked = (what) =>
  function () {
    const err = new Error(`attune-test: network access blocked (${what})`);
    process.stderr.write(`NETWORK-ATTEMPT ${what}\n`);
    throw err;
  };

for (const [mod, name, fns] of [
  [net, 'net', ['connect', 'createConnection', 'createServer']],
  [http, 'http', ['request', 'get', 'createServer']],
  [https, 'https', ['request', 'get', 'createServer']],
  [tls, 'tls', ['connect', 'createServer']],
  [dgram, 'dgram', ['createSocket']],
  [dns, 'dns', ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']],
  [dns.promises, 'dns.promises', ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']],
  [http2, 'http2', ['connect', 'createServer']],
]) {
  for (const fn of fns) mod[fn] = blocked(`${name}.${fn}`);
}
net.Socket.prototype.connect = blocked('net.Socket.connect');
globalThis.fetch = blocked('fetch');
globalThis.WebSocket = blocked('WebSocket');
// Named imports (import { request } from 'node:http') see the patched functions too.
syncBuiltinESMExports();
