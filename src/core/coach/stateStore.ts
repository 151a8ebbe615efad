/**
 * The coach's state over a persistent key-value slot that can, for a moment after a write,
 * read back (and then write out) an older value. VS Code's Memento does: `update` sets the
 * extension host's copy and sends the whole copy a tick later, and the main side echoes every
 * write back, replacing that copy. An echo of write N that arrives after write N+1 was made
 * but before it was sent puts N back, and N+1 then goes out as N: it is lost for good. That
 * is how a "Reset coach" made right after a nudge was shown came undone, the nudge kinds it
 * brought back stayed retired, and no nudge came when one was due.
 *
 * Invariant: `load` returns the last state saved here until the slot reads it back; a save
 * the slot lost (read back as something else once its write settled) is written again, a
 * few times at most (another window writing the same slot wins after that).
 */
import { reviveState, type CoachState, type CoachStore } from './policy';

/** The persistent slot: VS Code's globalState under one key, in the extension. */
export interface StateSlot {
  read(): unknown;
  /** Settles once the write reached storage (and anything it echoed back has been applied). */
  write(value: CoachState): PromiseLike<void>;
}

/** Writes of one state before giving up to another writer of the same slot. */
const MAX_WRITES = 4;

export class SettledStateStore implements CoachStore {
  /** The last state saved, until the slot reads it back. */
  private unsettled: CoachState | undefined;

  constructor(
    private readonly slot: StateSlot,
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  load(): CoachState {
    return this.unsettled ?? reviveState(this.slot.read());
  }

  save(state: CoachState): void {
    this.unsettled = state;
    this.write(state, 1);
  }

  private write(state: CoachState, attempt: number): void {
    Promise.resolve(this.slot.write(state)).then(
      () => {
        if (this.unsettled !== state) return; // a later save is under way
        if (JSON.stringify(this.slot.read()) === JSON.stringify(state)) {
          this.unsettled = undefined;
        } else if (attempt < MAX_WRITES) {
          this.write(state, attempt + 1);
        } else {
          // Another window keeps writing the slot: its state wins from now on.
          this.unsettled = undefined;
          this.warn('The coach state was changed elsewhere while it was being saved; the other change was kept.');
        }
      },
      // Not saved: this window keeps using it (the next save writes it again).
      (error: unknown) => this.warn(`Could not save the coach state: ${String(error)}`),
    );
  }
}
