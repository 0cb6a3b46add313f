import * as net from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that a test can cut and restore, to simulate the
 * database going away without disturbing other test files on the same server.
 */
export class FaultProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private readonly answers = new Map<net.Socket, net.Socket>();
  private stalled = false;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  static forUrl(url: string): FaultProxy {
    const parsed = new URL(url);
    return new FaultProxy(parsed.hostname, Number(parsed.port || 5432));
  }

  /** The same URL, through the proxy. */
  rewrite(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString();
  }

  async up(): Promise<void> {
    if (this.server) return;
    const server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream);
      this.answers.set(upstream, client);
      upstream.on('close', () => this.answers.delete(upstream));
      if (this.stalled) upstream.pause();
      else upstream.pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    this.server = server;
    this.port = (server.address() as net.AddressInfo).port;
  }

  /** Keep every connection open but hold back the server's answers: queries get no reply. */
  stall(): void {
    this.stalled = true;
    for (const upstream of this.answers.keys()) {
      upstream.unpipe();
      upstream.pause();
    }
  }

  /** Cut every open connection and refuse new ones. */
  async down(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    this.stalled = false;
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }
}
