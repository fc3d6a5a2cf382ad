/** Small shared stores (no library): the admin token, the licence gate, the cart badge, the customer. */
import { useSyncExternalStore } from 'react';
import { http, type Customer } from './api/client';
import type { Problem } from './api/http';

class Store<T> {
  private listeners = new Set<() => void>();
  constructor(private value: T) {}
  get = (): T => this.value;
  set = (value: T): void => {
    this.value = value;
    for (const l of this.listeners) l();
  };
  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => {
      this.listeners.delete(l);
    };
  };
}

function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.get);
}

/**
 * The admin token lives in this module's memory only: never localStorage or sessionStorage, so it
 * dies with the tab (a reload asks again) and no script reading storage can find it.
 */
export const adminToken = new Store<string | null>(null);
export const useAdminToken = () => useStore(adminToken);

/** The last licence-gate answer (402) seen on /api/**; cleared by any later success. */
export const licenceProblem = new Store<Problem | null>(null);
export const useLicenceProblem = () => useStore(licenceProblem);

export const cartCount = new Store<number>(0);
export const useCartCount = () => useStore(cartCount);

export const customer = new Store<Customer | null | undefined>(undefined);
export const useCustomer = () => useStore(customer);

http.onResponse(({ status, problem, path }) => {
  if (status === 402 && problem) licenceProblem.set(problem);
  else if (status >= 200 && status < 300 && path.startsWith('/api/') && !path.startsWith('/api/admin/') && !path.startsWith('/api/license/'))
    licenceProblem.set(null);
});
