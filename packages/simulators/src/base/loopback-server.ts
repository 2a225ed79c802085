import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * An HTTP server on 127.0.0.1 for a simulator: on `port` when given (the sandbox's fixed
 * addresses), else on any free one. Every simulator starts and stops through this.
 */
export class LoopbackServer {
  private server: Server | undefined;
  baseUrl = "";

  constructor(private readonly handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>) {}

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.handler(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(port, "127.0.0.1", resolve);
    });
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
