import net from 'node:net';

/**
 * The antivirus hook (issue 10, item 5): with `CLAMD_SOCKET` set, every upload is streamed to
 * clamd over its unix socket with the INSTREAM command before anything is stored. clamd answers
 * `stream: OK` or `stream: <signature> FOUND`; anything else, a refused connection or no answer
 * in time is an error, and the caller refuses the upload rather than store an unscanned file.
 */
export type ScanResult = { infected: false } | { infected: true; signature: string };

const CHUNK = 64 * 1024;

export function clamdScan(socketPath: string, data: Buffer, timeoutMs = 30_000): Promise<ScanResult> {
  return new Promise((resolve, reject) => {
    const received: Buffer[] = [];
    let settled = false;
    const finish = (err: Error | null, r?: ScanResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve(r as ScanResult);
    };
    const sock = net.createConnection({ path: socketPath });
    const timer = setTimeout(() => finish(new Error('clamd did not answer in time')), timeoutMs);
    sock.on('connect', () => {
      // The z prefix: commands and answers end with a NUL byte.
      sock.write('zINSTREAM\0');
      for (let i = 0; i < data.length; i += CHUNK) {
        const part = data.subarray(i, i + CHUNK);
        const len = Buffer.alloc(4);
        len.writeUInt32BE(part.length);
        sock.write(len);
        sock.write(part);
      }
      sock.write(Buffer.alloc(4));
    });
    sock.on('data', (c) => {
      received.push(c);
      const text = Buffer.concat(received).toString('utf8');
      const end = text.indexOf('\0');
      if (end < 0) return;
      const reply = text.slice(0, end).trim();
      if (reply === 'stream: OK') finish(null, { infected: false });
      else {
        const m = /^stream: (.+) FOUND$/.exec(reply);
        if (m) finish(null, { infected: true, signature: m[1] as string });
        else finish(new Error(`clamd answered: ${reply.slice(0, 200)}`));
      }
    });
    sock.on('error', (e) => finish(e));
    sock.on('close', () => finish(new Error('clamd closed the connection without an answer')));
  });
}
