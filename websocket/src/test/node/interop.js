// Node 'ws' client against a Subito WebSocket server: prints one JSON line per check, then exits.
// usage: node interop.js BASE_URL   (BASE_URL like ws://127.0.0.1:PORT/app)
const WebSocket = require('ws');
const base = process.argv[2];

const results = {};

function run(path, options, script) {
  return new Promise((resolve) => {
    const ws = new WebSocket(base + path, options);
    const got = [];
    ws.on('upgrade', (res) => { if (path === '/echo' && options.perMessageDeflate) results.extensionsHeader = res.headers['sec-websocket-extensions']; });
    const done = (result) => { try { ws.terminate(); } catch (e) {} resolve(result); };
    ws.on('error', (e) => done({ error: String(e) }));
    ws.on('close', (code, reason) => done({ got, close: code, reason: reason.toString() }));
    ws.on('open', () => script(ws, got, done));
  });
}

(async () => {
  // text and binary echo, with permessage-deflate as ws offers it by default
  results.echo = await run('/echo', { perMessageDeflate: { threshold: 0 } }, (ws, got, done) => {
    const big = Buffer.alloc(60000, 7);
    ws.on('message', (data, isBinary) => {
      got.push(isBinary ? 'binary:' + data.length + ':' + (Buffer.compare(data, big) === 0) : 'text:' + data.toString());
      if (got.length === 3) {
        ws.close(1000, 'bye');
      }
    });
    ws.send('hello from ws');
    ws.send('€ and more €');
    ws.send(big);
  });
  // without compression
  results.plain = await run('/echo', { perMessageDeflate: false }, (ws, got, done) => {
    ws.on('message', (data) => { got.push('text:' + data.toString()); ws.close(1000); });
    ws.send('plain');
  });
  // ping answered with pong
  results.ping = await run('/echo', { perMessageDeflate: false }, (ws, got, done) => {
    ws.on('pong', (data) => { got.push('pong:' + data.toString()); ws.close(1000); });
    ws.ping('node-ping');
  });
  // fragmented message sent by ws (fin=false then true)
  results.fragments = await run('/echo', { perMessageDeflate: false }, (ws, got, done) => {
    ws.on('message', (data) => { got.push('text:' + data.toString()); ws.close(1000); });
    ws.send('part one, ', { fin: false });
    ws.send('part two', { fin: true });
  });
  console.log(JSON.stringify(results));
})();
