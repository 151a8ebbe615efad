import type { Disposable, Listener, Subscribe } from './ports';

/**
 * A minimal synchronous event emitter for the core. A listener that throws does not stop
 * delivery to the others; the error is handed to `onListenerError` (the adapter logs it).
 */
export class Emitter<T> implements Disposable {
  private listeners: Listener<T>[] = [];

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  readonly event: Subscribe<T> = (listener) => {
    this.listeners = [...this.listeners, listener];
    return {
      dispose: () => {
        this.listeners = this.listeners.filter((l) => l !== listener);
      },
    };
  };

  fire(value: T): void {
    // Iterate a snapshot: a listener may unsubscribe itself while being called.
    for (const listener of this.listeners) {
      try {
        listener(value);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  get size(): number {
    return this.listeners.length;
  }

  dispose(): void {
    this.listeners = [];
  }
}
