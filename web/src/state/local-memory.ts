// What this browser remembers for the customer, in localStorage only (no account, nothing
// sent anywhere): past configurations and placed orders with their secret tokens.
import { canonicalJson } from '../../../functions/mesh/hash.ts';
import type { Params } from '../../../functions/designs/types.ts';

export interface SavedConfiguration {
  designId: string;
  designName: string;
  params: Params;
  savedAt: number;
}

export interface SavedOrder {
  id: string;
  token: string;
  designId: string;
  designName: string;
  params: Params;
  priceCents: number;
  placedAt: number;
  /** The state last seen on the order page. */
  state: string;
}

const CONFIGURATIONS = 'atelier.configurations.v1';
const ORDERS = 'atelier.orders.v1';
const MAX_CONFIGURATIONS = 24;

const sameConfiguration = (a: SavedConfiguration, b: { designId: string; params: Params }): boolean =>
  a.designId === b.designId && canonicalJson(a.params) === canonicalJson(b.params);

export class LocalMemory {
  constructor(private readonly storage: Storage | undefined = safeLocalStorage()) {}

  configurations(): SavedConfiguration[] {
    return this.read<SavedConfiguration>(CONFIGURATIONS);
  }

  /** Remembers a configuration once (newest first), keeping the last few dozen. */
  rememberConfiguration(entry: SavedConfiguration): void {
    const rest = this.configurations().filter((c) => !sameConfiguration(c, entry));
    this.write(CONFIGURATIONS, [entry, ...rest].slice(0, MAX_CONFIGURATIONS));
  }

  forgetConfiguration(entry: { designId: string; params: Params }): void {
    this.write(CONFIGURATIONS, this.configurations().filter((c) => !sameConfiguration(c, entry)));
  }

  orders(): SavedOrder[] {
    return this.read<SavedOrder>(ORDERS);
  }

  rememberOrder(order: SavedOrder): void {
    this.write(ORDERS, [order, ...this.orders().filter((o) => o.id !== order.id)]);
  }

  updateOrderState(id: string, state: string): void {
    const orders = this.orders();
    const found = orders.find((o) => o.id === id);
    if (!found || found.state === state) return;
    found.state = state;
    this.write(ORDERS, orders);
  }

  forgetOrder(id: string): void {
    this.write(ORDERS, this.orders().filter((o) => o.id !== id));
  }

  private read<T>(key: string): T[] {
    try {
      const parsed: unknown = JSON.parse(this.storage?.getItem(key) ?? '[]');
      return Array.isArray(parsed) ? (parsed as T[]) : [];
    } catch {
      return [];
    }
  }

  private write(key: string, value: unknown[]): void {
    try {
      this.storage?.setItem(key, JSON.stringify(value));
    } catch {
      // Storage full or disabled (private mode): remembering is a convenience, not a must.
    }
  }
}

/** localStorage, or undefined where the browser refuses access to it. */
function safeLocalStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
