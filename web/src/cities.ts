// A small bundled list of cities for the customer's location, so a quote needs no map
// service and no geolocation permission. Berlin first: the demo shops are there.

export interface City {
  name: string;
  /** ISO 3166-1 alpha-2, used to prefill the delivery country. */
  country: string;
  lat: number;
  lon: number;
}

export const CITIES: readonly City[] = [
  { name: 'Berlin', country: 'DE', lat: 52.52, lon: 13.405 },
  { name: 'Hamburg', country: 'DE', lat: 53.551, lon: 9.994 },
  { name: 'Munich', country: 'DE', lat: 48.137, lon: 11.575 },
  { name: 'Cologne', country: 'DE', lat: 50.938, lon: 6.96 },
  { name: 'Frankfurt', country: 'DE', lat: 50.11, lon: 8.682 },
  { name: 'Leipzig', country: 'DE', lat: 51.34, lon: 12.375 },
  { name: 'Vienna', country: 'AT', lat: 48.208, lon: 16.373 },
  { name: 'Zurich', country: 'CH', lat: 47.377, lon: 8.541 },
  { name: 'Amsterdam', country: 'NL', lat: 52.368, lon: 4.904 },
  { name: 'Brussels', country: 'BE', lat: 50.85, lon: 4.352 },
  { name: 'Copenhagen', country: 'DK', lat: 55.676, lon: 12.568 },
  { name: 'Paris', country: 'FR', lat: 48.857, lon: 2.352 },
  { name: 'Lyon', country: 'FR', lat: 45.764, lon: 4.836 },
  { name: 'London', country: 'GB', lat: 51.507, lon: -0.128 },
  { name: 'Dublin', country: 'IE', lat: 53.35, lon: -6.26 },
  { name: 'Madrid', country: 'ES', lat: 40.417, lon: -3.704 },
  { name: 'Barcelona', country: 'ES', lat: 41.385, lon: 2.173 },
  { name: 'Lisbon', country: 'PT', lat: 38.722, lon: -9.139 },
  { name: 'Milan', country: 'IT', lat: 45.464, lon: 9.19 },
  { name: 'Rome', country: 'IT', lat: 41.903, lon: 12.496 },
  { name: 'Prague', country: 'CZ', lat: 50.076, lon: 14.438 },
  { name: 'Warsaw', country: 'PL', lat: 52.23, lon: 21.012 },
  { name: 'Stockholm', country: 'SE', lat: 59.329, lon: 18.069 },
  { name: 'Oslo', country: 'NO', lat: 59.914, lon: 10.752 },
  { name: 'Helsinki', country: 'FI', lat: 60.17, lon: 24.938 },
];
