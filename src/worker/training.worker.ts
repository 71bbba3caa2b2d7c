/// <reference lib="webworker" />
/** The training worker: a thin shell that hands each command to a Session. */
import type { Command, WorkerEvent } from '../protocol/messages';
import { Session } from './session';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const session = new Session((e: WorkerEvent, transfer?: Transferable[]) => scope.postMessage(e, transfer ?? []));
scope.onmessage = (ev: MessageEvent<Command>) => {
  void session.handle(ev.data);
};
