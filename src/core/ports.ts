/**
 * Ports: the only way the pure core reaches time and the outside world.
 * Adapters (VS Code, the CLI, tests) implement them; the core never imports
 * `vscode`, `fs`, timers or reads the wall clock itself (enforced by eslint).
 */

/** Monotonic-enough wall clock in epoch milliseconds. Tests pass a fake. */
export interface Clock {
  now(): number;
}

export interface Disposable {
  dispose(): void;
}

export type Listener<T> = (value: T) => void;

/** A subscribable stream of values, like VS Code's `Event<T>`, without depending on it. */
export type Subscribe<T> = (listener: Listener<T>) => Disposable;
