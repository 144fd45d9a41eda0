// Where the customer is, for finding shops nearby: a bundled list of cities (Berlin first)
// or this device's position through the browser's geolocation. No map service involved.
import { CITIES } from '../cities.ts';
import { h, uid } from '../dom.ts';
import type { Location } from '../api/types.ts';

const DEVICE = 'device';

export class LocationPicker {
  readonly root: HTMLElement;
  private readonly select: HTMLSelectElement;
  private readonly note: HTMLElement;
  private device: Location | undefined;
  /** Called whenever the chosen place changes. */
  onChange: (() => void) | undefined;

  constructor() {
    const id = uid('location');
    this.select = h('select', { id, name: 'location' }, CITIES.map((c, i) => h('option', { value: String(i) }, `${c.name} (${c.country})`)));
    this.note = h('p', { class: 'help', role: 'status', 'aria-live': 'polite' }, 'Shops near this place can print it.');
    const locate = h('button', { type: 'button', class: 'button-secondary', onclick: () => this.locate(locate) }, 'Use my location');
    this.root = h('div', { class: 'field', 'data-key': 'location' },
      h('label', { for: id }, 'Your location'),
      h('div', { class: 'field-row' }, this.select, locate),
      this.note,
    );
    this.select.addEventListener('change', () => this.onChange?.());
  }

  /** The chosen coordinates. */
  location(): Location {
    if (this.select.value === DEVICE && this.device) return this.device;
    const city = CITIES[Number(this.select.value)] ?? CITIES[0];
    return { lat: city.lat, lon: city.lon };
  }

  /** The country of the chosen city, to prefill the delivery address. */
  country(): string | undefined {
    return this.select.value === DEVICE ? undefined : CITIES[Number(this.select.value)]?.country;
  }

  cityName(): string | undefined {
    return this.select.value === DEVICE ? undefined : CITIES[Number(this.select.value)]?.name;
  }

  private locate(button: HTMLButtonElement): void {
    if (!('geolocation' in navigator)) {
      this.note.textContent = 'This browser cannot tell its location; pick the nearest city instead.';
      return;
    }
    button.disabled = true;
    this.note.textContent = 'Asking this device for its location…';
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        button.disabled = false;
        this.device = { lat: Math.round(coords.latitude * 1000) / 1000, lon: Math.round(coords.longitude * 1000) / 1000 };
        let option = this.select.querySelector<HTMLOptionElement>(`option[value="${DEVICE}"]`);
        if (!option) this.select.prepend((option = h('option', { value: DEVICE })));
        option.textContent = `My location (${this.device.lat.toFixed(2)}, ${this.device.lon.toFixed(2)})`;
        this.select.value = DEVICE;
        this.onChange?.();
        this.note.textContent = 'Using this device’s location, rounded to about 100 m. It is only sent with the quote.';
      },
      (error) => {
        button.disabled = false;
        this.note.textContent =
          error.code === error.PERMISSION_DENIED ? 'Location permission was refused; pick the nearest city instead.' : 'The location is not available right now; pick the nearest city instead.';
      },
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 600_000 },
    );
  }
}
