/// <reference lib="webworker" />
/** The training worker: a thin shell handing each command to a Session on the browser's ports. */
import type { Command, WorkerEvent } from '../protocol/messages';
import { BROWSER_PORTS } from './browser-ports';
import { reportUnhandledRejections } from './crash-report';
import { Session } from './session';

const scope = self as unknown as DedicatedWorkerGlobalScope;
// Before anything can reject: a rejection nobody handles is a crash the page hears (crash-report.ts).
reportUnhandledRejections(scope);
const post = (e: WorkerEvent, transfer?: Transferable[]): void =>
  scope.postMessage(e, transfer ?? []);
const session = new Session(post, BROWSER_PORTS);
scope.onmessage = (ev: MessageEvent<Command>) => {
  void session.handle(ev.data);
};
