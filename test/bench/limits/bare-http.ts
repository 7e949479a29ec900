import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

/**
 * The peer for HTTP: bare node:http answering every request with the same bytes the service answered
 * (a statement's JSON). Prints "listening PORT". Usage: node bare-http.js BODY_FILE
 */
const body = readFileSync(process.argv[2]);
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    response.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
