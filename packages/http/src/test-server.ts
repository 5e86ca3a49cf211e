/**
 * Test-only helper: a real node:http server on 127.0.0.1 with an ephemeral port.
 * Used by the *.int.test.ts files; not exported from the package.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { LookupFunction } from "node:net";

export interface LocalServer {
  port: number;
  origin: string;
  /** host:port, ready to put in allowHosts. */
  hostPort: string;
  requests: IncomingMessage[];
  /** Resolves when every socket the server accepted so far has closed. */
  socketsClosed(): Promise<void>;
  close(): Promise<void>;
}

export async function startServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>,
): Promise<LocalServer> {
  const requests: IncomingMessage[] = [];
  const sockets = new Set<Socket>();
  const closedPromises: Promise<void>[] = [];
  const server = createServer((req, res) => {
    requests.push(req);
    void Promise.resolve(handler(req, res)).catch(() => res.destroy());
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    closedPromises.push(new Promise((resolve) => socket.once("close", () => resolve())));
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    hostPort: `127.0.0.1:${port}`,
    requests,
    socketsClosed: async () => {
      await Promise.all(closedPromises);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A lookup that answers every name with fixed addresses, recording what it was asked. */
export function fixedLookup(addresses: string[], asked: string[] = []): LookupFunction {
  const fn = (hostname: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) => {
    asked.push(hostname);
    const list = addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
    if (options.all) cb(null, list);
    else cb(null, list[0]?.address, list[0]?.family);
  };
  return fn as unknown as LookupFunction;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
