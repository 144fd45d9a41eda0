// The shop's API key lives in sessionStorage only: it survives a reload of this tab and is
// gone when the tab closes. Never in localStorage, never in the URL.

const KEY = 'atelier.shopKey';

export const readShopKey = (): string | null => {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
};

export const saveShopKey = (key: string): void => {
  try {
    sessionStorage.setItem(KEY, key);
  } catch {
    // Session storage disabled: the key stays in memory for this page only.
  }
};

export const clearShopKey = (): void => {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing stored
  }
};
