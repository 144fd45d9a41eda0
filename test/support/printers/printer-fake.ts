// Test fixture: what every printer fake offers a test, whatever the printer kind: its URL, the
// print it runs (PrintSim: advance, finish, cancel, fail, busyWith, clear), the requests and
// uploads it received, and the socket's misbehaviours (hang, redirect).
import type { PrinterKind } from '../../../functions/agent/printers/printer.ts';
import type { FakeServer, LoggedRequest } from './fake-server.ts';
import type { PrintSim } from './print-sim.ts';

export interface FakeUpload {
  name: string;
  bytes: Uint8Array;
  /** The form fields (OctoPrint, Moonraker) or headers (PrusaLink) that came with it. */
  fields: Record<string, string>;
}

export interface PrinterFake {
  kind: PrinterKind;
  url: string;
  sim: PrintSim;
  requests: LoggedRequest[];
  uploads: FakeUpload[];
  /** The host answers but the printer behind it is not connected (true) or is back (false). */
  setOffline(offline: boolean): void;
  hang: FakeServer['hang'];
  redirect: FakeServer['redirect'];
  behave: FakeServer['behave'];
  close(): Promise<void>;
}
