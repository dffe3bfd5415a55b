import { createServer, type Server } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/**
 * A real SMTP server on 127.0.0.1 for tests: it asks for a user name and password, and keeps
 * every message it accepts, parsed (mailparser), with its envelope. `refuse` makes it turn the
 * next messages down at RCPT TO or at the end of DATA (then the message is still recorded, in
 * `refused`, so a test can see the code it carried).
 */

export type ReceivedMail = { envelopeFrom: string; envelopeTo: string[]; mail: ParsedMail };

export type TestSmtp = {
  url: string;
  received: ReceivedMail[];
  refused: ReceivedMail[];
  refuse: "rcpt" | "data" | null;
  close(): Promise<void>;
};

export async function startSmtpServer(
  credentials = { user: "mailer", pass: "secret-pass" },
): Promise<TestSmtp> {
  const state: TestSmtp = { url: "", received: [], refused: [], refuse: null, close: async () => {} };
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"], // plain text on the loopback; login over it needs:
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === credentials.user && auth.password === credentials.pass) {
        callback(null, { user: auth.username });
      } else {
        callback(Object.assign(new Error("Authentication failed"), { responseCode: 535 }));
      }
    },
    onRcptTo(_address, _session, callback) {
      if (state.refuse === "rcpt")
        callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        const envelope = session.envelope;
        const received = {
          envelopeFrom: envelope.mailFrom ? envelope.mailFrom.address : "",
          envelopeTo: envelope.rcptTo.map((r) => r.address),
          mail,
        };
        if (state.refuse === "data") {
          state.refused.push(received);
          callback(Object.assign(new Error("Message rejected"), { responseCode: 554 }));
        } else {
          state.received.push(received);
          callback();
        }
      }, callback);
    },
  });
  const port = await listen(server.server, () => server.listen(0, "127.0.0.1"));
  state.url = `smtp://${credentials.user}:${credentials.pass}@127.0.0.1:${port}`;
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}

/** A TCP server that hangs up on everyone: an SMTP server that is down mid-way. */
export async function startClosingServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((socket) => socket.destroy());
  const port = await listen(server, () => server.listen(0, "127.0.0.1"));
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function listen(server: Server, start: () => void): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.once("listening", () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    });
    start();
  });
}
